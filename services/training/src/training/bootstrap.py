"""The composition root: settings, pool, cipher and unit-of-work factory in one place."""

from __future__ import annotations

from dataclasses import dataclass

from shared.adapters import Connection
from shared.bootstrap import ServiceContainer, open_pool
from shared.pii import PiiCipher

from training.adapters.unit_of_work import SqlUnitOfWork
from training.config import SCHEMA, TrainingSettings


@dataclass(kw_only=True)
class Container(ServiceContainer[TrainingSettings]):
    """What the entry points need, built once per process."""

    cipher: PiiCipher

    def uow(self, conn: Connection | None = None) -> SqlUnitOfWork:
        """A unit of work on ``conn`` (inside the caller's transaction) or on the pool."""
        if conn is not None:
            uow = SqlUnitOfWork(self.cipher, conn=conn)
        else:
            uow = SqlUnitOfWork(self.cipher, pool=self.pool)
        uow.history_from = self.settings.training_history_from
        return uow


async def build_container(settings: TrainingSettings) -> Container:
    """Open the pool and prepare the cipher from the settings."""
    pool = await open_pool(settings, SCHEMA)
    return Container(settings=settings, pool=pool, cipher=PiiCipher.from_settings(settings))
