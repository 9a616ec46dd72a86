"""The SQL unit of work: one PostgreSQL transaction for rows, outbox and idempotency key."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import asyncpg
from asyncpg.transaction import Transaction
from shared.identifiers import today_in_china
from shared.outbox import PendingEvent, append_to_outbox

from membership.adapters.contracts import SqlContractRepository, SqlTransferRepository
from membership.adapters.employers import SqlEmployerRepository
from membership.adapters.members import SqlMemberRepository
from membership.adapters.organisations import SqlOrganisationRepository
from membership.adapters.sql_base import Connection
from membership.config import SERVICE_NAME
from membership.service_layer.ports import AbstractUnitOfWork, PersonalDataProtector


class SqlUnitOfWork(AbstractUnitOfWork):
    """A unit on a pooled connection, or inside a transaction the caller already holds.

    Passing ``conn`` lets a route keep the idempotency key in the same transaction: the unit
    then works in the caller's transaction, which decides the final commit. No savepoint is
    taken (two round trips per command): a failing unit raises, and the caller's transaction
    rolls back with everything the unit wrote. Given a connection outside any transaction,
    the unit opens one of its own.
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
        self.organisations = SqlOrganisationRepository(conn)
        self.employers = SqlEmployerRepository(conn)
        self.members = SqlMemberRepository(conn)
        self.transfers = SqlTransferRepository(conn)
        self.contracts = SqlContractRepository(conn)

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

    def _repositories(self) -> Any:
        # Repositories exist only once the unit has begun (they hold its connection).
        if self._conn is None:
            return ()
        return super()._repositories()
