"""The SQL unit of work: one PostgreSQL transaction for rows, outbox and idempotency key."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, ClassVar, TypeAlias

import asyncpg

from shared.identifiers import today_in_china
from shared.outbox import PendingEvent, UnitTransaction
from shared.outbox.writer import Connection
from shared.service_layer import PersonalDataProtector, Repository, UnitOfWork

RepositoryFactory: TypeAlias = Callable[[Connection], Any]
"""Builds a repository on the unit's connection (usually the repository class itself)."""


class SqlUnitOfWork(UnitOfWork):
    """A unit on a pooled connection, or inside a transaction the caller already holds (see
    :class:`shared.outbox.UnitTransaction`).

    A service's SQL unit derives from this and from its own abstract unit (``class
    SqlUnitOfWork(kit.SqlUnitOfWork, AbstractUnitOfWork)``) and sets ``SERVICE`` (the events'
    source) and ``FACTORIES``: for every name of ``REPOSITORIES`` (and any other port built on
    the connection, e.g. a replica), how it is built.
    """

    SERVICE: ClassVar[str]
    FACTORIES: ClassVar[Mapping[str, RepositoryFactory]]

    def __init__(
        self,
        protector: PersonalDataProtector,
        *,
        pool: asyncpg.Pool[asyncpg.Record] | None = None,
        conn: Connection | None = None,
        clock: Callable[[], date] = today_in_china,
    ) -> None:
        super().__init__(protector, clock=clock)
        self._transaction = UnitTransaction(self.SERVICE, pool=pool, conn=conn)

    @property
    def connection(self) -> Connection:
        """The unit's connection, for set-based statements of the adapters (after begin)."""
        return self._transaction.connection

    async def _begin(self) -> None:
        conn = await self._transaction.begin()
        for name, build in self.FACTORIES.items():
            setattr(self, name, build(conn))

    async def _commit(self, events: Sequence[PendingEvent]) -> None:
        await self._transaction.commit(events)

    async def _rollback(self) -> None:
        await self._transaction.rollback()

    def _repositories(self) -> Sequence[Repository]:
        # Repositories exist only once the unit has begun (they hold its connection).
        if not self._transaction.begun:
            return ()
        return super()._repositories()
