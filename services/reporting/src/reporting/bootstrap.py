"""The composition root: settings, pool and the event consumers in one place."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg
from nats.js.client import JetStreamContext
from shared.bus import ConsumerRunner
from shared.db import create_pool

from reporting.adapters.projections.projected_streams import (
    ASSISTANCE,
    MEMBERSHIP,
    ProjectedStream,
)
from reporting.config import SCHEMA, ReportingSettings


@dataclass
class Container:
    """What the entry points need, built once per process."""

    settings: ReportingSettings
    pool: asyncpg.Pool[asyncpg.Record]

    def consumer(self, stream: ProjectedStream, js: JetStreamContext) -> ConsumerRunner:
        """The runner applying ``stream``'s events to the read models with its handlers."""
        return ConsumerRunner(
            self.pool,
            js,
            stream.consumer,
            stream.handler,
            batch_handler=stream.batch_handler,
            batch_size=self.settings.consumer_batch_size,
        )

    def membership_consumer(self, js: JetStreamContext) -> ConsumerRunner:
        """The runner applying membership events to the read models."""
        return self.consumer(MEMBERSHIP, js)

    def assistance_consumer(self, js: JetStreamContext) -> ConsumerRunner:
        """The runner applying hardship assistance events to the read models."""
        return self.consumer(ASSISTANCE, js)


async def build_container(settings: ReportingSettings) -> Container:
    """Open the pool from the settings."""
    pool = await create_pool(
        settings.database_url, SCHEMA, min_size=settings.db_pool_min, max_size=settings.db_pool_max
    )
    return Container(settings=settings, pool=pool)
