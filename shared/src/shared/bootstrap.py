"""What every service's composition root holds: its settings, its pool, its background jobs.

A service's ``bootstrap.py`` derives its ``Container`` from :class:`ServiceContainer`, adding
what is its own (the cipher and the unit-of-work factory of a writing service, the consumer
runners of a reading one), and builds it with :func:`open_pool`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import asyncpg

from shared.db import create_pool
from shared.settings import ServiceSettings

S = TypeVar("S", bound=ServiceSettings)


@dataclass(kw_only=True)
class ServiceContainer(Generic[S]):
    """What the entry points need, built once per process."""

    settings: S
    pool: asyncpg.Pool[asyncpg.Record]
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        """Run a background job, keeping a reference so it is not collected mid-way."""
        task: asyncio.Task[Any] = asyncio.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task


async def open_pool(settings: ServiceSettings, schema: str) -> asyncpg.Pool[asyncpg.Record]:
    """The service's connection pool, sized by the settings, its schema on the search path.

    Commands, queries, consumers and the outbox relay use transactions and ``SET LOCAL`` only,
    so the pool is :func:`~shared.db.create_pool`'s ``stateless`` kind: no reset query when a
    connection goes back.
    """
    return await create_pool(
        settings.database_url,
        schema,
        min_size=settings.db_pool_min,
        max_size=settings.db_pool_max,
        stateless=True,
    )
