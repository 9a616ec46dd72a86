"""The SQL unit of work: one PostgreSQL transaction for rows, outbox and idempotency key."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import asyncpg
from shared.identifiers import today_in_china
from shared.outbox import PendingEvent, UnitTransaction

from assistance.adapters.areas import SQL_REPOSITORIES
from assistance.adapters.replica import SqlReplica
from assistance.adapters.sql_base import Connection
from assistance.config import SERVICE_NAME
from assistance.service_layer.ports import AbstractUnitOfWork, PersonalDataProtector


class SqlUnitOfWork(AbstractUnitOfWork):
    """A unit on a pooled connection, or inside a transaction the caller already holds (see
    :class:`shared.outbox.UnitTransaction`)."""

    def __init__(
        self,
        protector: PersonalDataProtector,
        *,
        pool: asyncpg.Pool[asyncpg.Record] | None = None,
        conn: Connection | None = None,
        clock: Callable[[], date] = today_in_china,
    ) -> None:
        super().__init__(protector, clock=clock)
        self._transaction = UnitTransaction(SERVICE_NAME, pool=pool, conn=conn)

    @property
    def connection(self) -> Connection:
        """The unit's connection, for set-based statements of the adapters (after begin)."""
        return self._transaction.connection

    async def _begin(self) -> None:
        conn = await self._transaction.begin()
        self.replica = SqlReplica(conn)
        for name in self.REPOSITORIES:
            setattr(self, name, SQL_REPOSITORIES[name](conn))

    async def _commit(self, events: Sequence[PendingEvent]) -> None:
        await self._transaction.commit(events)

    async def _rollback(self) -> None:
        await self._transaction.rollback()

    def _repositories(self) -> Sequence[Any]:
        # Repositories exist only once the unit has begun (they hold its connection).
        if not self._transaction.begun:
            return ()
        return super()._repositories()
