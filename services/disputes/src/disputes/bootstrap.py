"""The composition root: settings, pool, cipher and unit-of-work factory in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from shared.adapters import Connection
from shared.bootstrap import ServiceContainer, open_pool
from shared.identifiers import today_in_china
from shared.pii import PiiCipher

from disputes.adapters.unit_of_work import SqlUnitOfWork
from disputes.config import SCHEMA, DisputesSettings


@dataclass(kw_only=True)
class Container(ServiceContainer[DisputesSettings]):
    """What the entry points need, built once per process."""

    cipher: PiiCipher
    clock: Callable[[], date] = today_in_china
    """The business date (tests move it to see cases fall due)."""

    def uow(self, conn: Connection | None = None) -> SqlUnitOfWork:
        """A unit of work on ``conn`` (inside the caller's transaction) or on the pool."""
        if conn is not None:
            uow = SqlUnitOfWork(self.cipher, conn=conn, clock=self.clock)
        else:
            uow = SqlUnitOfWork(self.cipher, pool=self.pool, clock=self.clock)
        uow.history_from = self.settings.disputes_history_from
        return uow


async def build_container(settings: DisputesSettings) -> Container:
    """Open the pool and prepare the cipher from the settings."""
    pool = await open_pool(settings, SCHEMA)
    return Container(settings=settings, pool=pool, cipher=PiiCipher.from_settings(settings))
