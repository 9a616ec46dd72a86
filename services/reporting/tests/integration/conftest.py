"""Membership events published to real JetStream and applied by the real consumer runner."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import nats
import pytest_asyncio
from nats.aio.client import Client as NatsClient
from nats.js.client import JetStreamContext
from reporting.bootstrap import Container
from reporting.config import MEMBERSHIP_CONSUMER, MIGRATIONS_DIR, SCHEMA, ReportingSettings
from reporting.entrypoints.consumers.wiring import CONSUMERS, STREAMS
from shared.bus import ConsumerRunner, ConsumerSpec, provision
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
    runners: dict[str, ConsumerRunner] = field(default_factory=dict)

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
        return await self.drain_consumer(MEMBERSHIP_CONSUMER, self.container.membership_consumer)

    async def drain_consumer(
        self, spec: ConsumerSpec, build: Callable[[JetStreamContext], ConsumerRunner]
    ) -> int:
        """Apply what ``spec``'s consumer has, with one runner per consumer for the test's life.

        A pull request the last drain gave up on a moment before the server did may still
        deliver into that runner's subscription, where its next fetch finds the message; a new
        runner would leave it unacknowledged until ack_wait ran out.
        """
        js = self.nc.jetstream()
        runner = self.runners.get(spec.durable)
        if runner is None:
            runner = self.runners[spec.durable] = build(js)
        return await drain(runner, js, spec)


def envelope(event: IntegrationEvent, aggregate_id: Any, version: int) -> CloudEvent:
    return to_cloud_event(PendingEvent(event, str(aggregate_id), version), "membership")


@pytest_asyncio.fixture
async def bus(database_url: str, nats_url: str) -> AsyncIterator[Bus]:
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    nc = await nats.connect(nats_url)
    # Every stream the read models are built from, and every consumer, exist, as after
    # `reporting provision`.
    await provision(nc.jetstream(), STREAMS, CONSUMERS)
    settings = ReportingSettings(
        environment="test", database_url=database_url, nats_url=nats_url, consumer_batch_size=16
    )
    pool = await create_pool(database_url, SCHEMA, min_size=1, max_size=4)
    yield Bus(nc, Container(settings=settings, pool=pool))
    await pool.close()
    await nc.close()
