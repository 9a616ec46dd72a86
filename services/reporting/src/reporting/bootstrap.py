"""The composition root: settings, pool and the event consumers in one place."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg
from nats.js.client import JetStreamContext
from shared.bus import ConsumerRunner
from shared.db import create_pool

from reporting.adapters.projections.assistance import apply_assistance_event
from reporting.adapters.projections.membership import apply_membership_batch, apply_membership_event
from reporting.config import ASSISTANCE_CONSUMER, MEMBERSHIP_CONSUMER, SCHEMA, ReportingSettings


@dataclass
class Container:
    """What the entry points need, built once per process."""

    settings: ReportingSettings
    pool: asyncpg.Pool[asyncpg.Record]

    def membership_consumer(self, js: JetStreamContext) -> ConsumerRunner:
        """The runner applying membership events to the read models."""
        return ConsumerRunner(
            self.pool,
            js,
            MEMBERSHIP_CONSUMER,
            apply_membership_event,
            batch_handler=apply_membership_batch,
            batch_size=self.settings.consumer_batch_size,
        )

    def assistance_consumer(self, js: JetStreamContext) -> ConsumerRunner:
        """The runner applying hardship assistance events to the read models."""
        return ConsumerRunner(
            self.pool,
            js,
            ASSISTANCE_CONSUMER,
            apply_assistance_event,
            batch_size=self.settings.consumer_batch_size,
        )


async def build_container(settings: ReportingSettings) -> Container:
    """Open the pool from the settings."""
    pool = await create_pool(
        settings.database_url, SCHEMA, min_size=settings.db_pool_min, max_size=settings.db_pool_max
    )
    return Container(settings=settings, pool=pool)
