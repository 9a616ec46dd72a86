"""The SQL unit of work: one PostgreSQL transaction for rows, outbox and idempotency key."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import asyncpg
from asyncpg.transaction import Transaction
from shared.identifiers import today_in_china
from shared.outbox import PendingEvent, append_to_outbox

from assistance.adapters.aid_repositories import AID_SQL_REPOSITORIES
from assistance.adapters.households import SqlHouseholdRepository
from assistance.adapters.replica import SqlReplica
from assistance.adapters.sql_base import Connection
from assistance.adapters.visits import SqlVisitRepository
from assistance.config import SERVICE_NAME
from assistance.service_layer.ports import AbstractUnitOfWork, PersonalDataProtector

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "households": SqlHouseholdRepository,
    "visits": SqlVisitRepository,
    **AID_SQL_REPOSITORIES,
}
"""How each repository named in ``AbstractUnitOfWork.REPOSITORIES`` is built on a connection."""


class SqlUnitOfWork(AbstractUnitOfWork):
    """A unit on a pooled connection, or inside a transaction the caller already holds.

    Passing ``conn`` lets a route keep the idempotency key (or a consumer its inbox row) in the
    same transaction: the unit then works in the caller's transaction, which decides the final
    commit. Given a connection outside any transaction, the unit opens one of its own.
    """

    def __init__(
        self,
        protector: PersonalDataProtector,
        *,
        pool: asyncpg.Pool[asyncpg.Record] | None = None,
        conn: Connection | None = None,
        clock: Callable[[], date] = today_in_china,
    ) -> None:
        super().__init__(protector, clock=clock)
        if (pool is None) == (conn is None):
            raise ValueError("give exactly one of pool or conn")
        self._pool = pool
        self._given_conn = conn
        self._conn: Connection | None = None
        self._tx: Transaction | None = None

    @property
    def connection(self) -> Connection:
        """The unit's connection, for set-based statements of the adapters (after begin)."""
        assert self._conn is not None, "the unit has not begun"
        return self._conn

    async def _begin(self) -> None:
        conn: Connection
        if self._given_conn is not None:
            conn = self._given_conn
        else:
            assert self._pool is not None
            conn = await self._pool.acquire()
        self._conn = conn
        if self._given_conn is None or not conn.is_in_transaction():
            self._tx = conn.transaction()
            await self._tx.start()
        self.replica = SqlReplica(conn)
        for name in self.REPOSITORIES:
            setattr(self, name, SQL_REPOSITORIES[name](conn))

    async def _commit(self, events: Sequence[PendingEvent]) -> None:
        assert self._conn is not None
        if events:
            await append_to_outbox(self._conn, SERVICE_NAME, events)
        if self._tx is not None:
            await self._tx.commit()
            self._tx = None

    async def _rollback(self) -> None:
        if self._tx is not None:
            await self._tx.rollback()
            self._tx = None
        if self._conn is not None and self._given_conn is None and self._pool is not None:
            await self._pool.release(self._conn)  # type: ignore[arg-type]
        self._conn = None

    def _repositories(self) -> Sequence[Any]:
        # Repositories exist only once the unit has begun (they hold its connection).
        if self._conn is None:
            return ()
        return super()._repositories()
