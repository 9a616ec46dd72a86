"""The composition root: settings, pool, cipher and unit-of-work factory in one place.

Tests build a :class:`Container` with a real pool or call the handlers with the in-memory
fakes of the unit tests; the API and the CLI only ever go through :func:`build_container`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from shared.adapters import Connection
from shared.db import create_pool
from shared.pii import PiiCipher

from assistance.adapters.unit_of_work import SqlUnitOfWork
from assistance.config import SCHEMA, AssistanceSettings


@dataclass
class Container:
    """What the entry points need, built once per process."""

    settings: AssistanceSettings
    pool: asyncpg.Pool[asyncpg.Record]
    cipher: PiiCipher
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)

    def uow(self, conn: Connection | None = None) -> SqlUnitOfWork:
        """A unit of work on ``conn`` (inside the caller's transaction) or on the pool."""
        if conn is not None:
            return SqlUnitOfWork(self.cipher, conn=conn)
        return SqlUnitOfWork(self.cipher, pool=self.pool)

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        """Run a background job, keeping a reference so it is not collected mid-way."""
        task: asyncio.Task[Any] = asyncio.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task


async def build_container(settings: AssistanceSettings) -> Container:
    """Open the pool and prepare the cipher from the settings."""
    pool = await create_pool(
        settings.database_url, SCHEMA, min_size=settings.db_pool_min, max_size=settings.db_pool_max
    )
    return Container(settings=settings, pool=pool, cipher=PiiCipher.from_settings(settings))
