"""Membership events published to real JetStream and applied by the real consumer runner."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import asyncpg
import nats
import pytest_asyncio
from nats.aio.client import Client as NatsClient
from reporting.bootstrap import Container
from reporting.config import MEMBERSHIP_CONSUMER, MIGRATIONS_DIR, SCHEMA, ReportingSettings
from shared.bus import (
    ASSISTANCE_STREAM,
    DEAD_LETTER_STREAM,
    MEMBERSHIP_STREAM,
    TRAINING_STREAM,
    provision,
)
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent
from shared.db import create_pool
from shared.migrations import migrate
from shared.outbox import PendingEvent
from shared.outbox.writer import to_cloud_event
from shared.testing.consumers import drain


@dataclass
class Bus:
    """Publishes membership events and drains the reporting consumer."""

    nc: NatsClient
    container: Container

    @property
    def pool(self) -> asyncpg.Pool[asyncpg.Record]:
        return self.container.pool

    async def publish(self, envelope: CloudEvent, *, msg_id: str | None = None) -> None:
        await self.nc.jetstream().publish(
            envelope.nats_subject,
            envelope.model_dump_json().encode(),
            headers={"Nats-Msg-Id": msg_id or envelope.id},
        )

    async def drain(self) -> int:
        """Apply every message published so far; the number of messages processed."""
        runner = self.container.membership_consumer(self.nc.jetstream())
        return await drain(runner, self.nc.jetstream(), MEMBERSHIP_CONSUMER)


def envelope(event: IntegrationEvent, aggregate_id: Any, version: int) -> CloudEvent:
    return to_cloud_event(PendingEvent(event, str(aggregate_id), version), "membership")


@pytest_asyncio.fixture
async def bus(database_url: str, nats_url: str) -> AsyncIterator[Bus]:
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    nc = await nats.connect(nats_url)
    # Every stream the read models are built from exists, as after `reporting provision`.
    streams = [MEMBERSHIP_STREAM, ASSISTANCE_STREAM, TRAINING_STREAM, DEAD_LETTER_STREAM]
    await provision(nc.jetstream(), streams, [MEMBERSHIP_CONSUMER])
    settings = ReportingSettings(
        environment="test", database_url=database_url, nats_url=nats_url, consumer_batch_size=16
    )
    pool = await create_pool(database_url, SCHEMA, min_size=1, max_size=4)
    yield Bus(nc, Container(settings=settings, pool=pool))
    await pool.close()
    await nc.close()
