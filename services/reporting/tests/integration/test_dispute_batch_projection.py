"""Disputes events applied a batch at a time leave exactly the rows they leave one by one.

The street's mediation half-year, shuffled (versions of a case out of order, a recovery
published again), is consumed twice from the stream's start through the same durable name:
once event by event into the ``reporting`` schema, once by the batch handler into a second
schema. Every disputes table must then hold the same rows.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any
from uuid import UUID, uuid4

import asyncpg
import pytest
from reporting.adapters.projections.disputes import PROJECTION
from reporting.config import DISPUTES_CONSUMER, MIGRATIONS_DIR
from shared.bus import DISPUTES_STREAM, ConsumerRunner, provision
from shared.contracts.envelope import CloudEvent
from shared.db import create_pool
from shared.migrations import migrate
from shared.testing.consumers import drain

from .conftest import Bus
from .dispute_scenario import Mediation
from .test_batch_projection import rows

pytestmark = pytest.mark.integration
BATCHED_SCHEMA = "reporting_disputes_batched"
TABLES: dict[str, tuple[str, ...]] = {
    "dispute_versions": (),
    "dispute_applied_versions": (),
    "dispute_case_facts": (),
    "dispute_case_applicants": (),
    "dispute_contacts": (),
    "dispute_legal_aid": (),
    "inbox": ("applied_at",),
    "consumer_tracking": ("updated_at",),
}


def runner(pool: asyncpg.Pool[Any], bus: Bus, batch: Any = None) -> ConsumerRunner:
    return ConsumerRunner(pool, bus.nc.jetstream(), DISPUTES_CONSUMER, PROJECTION.apply_event,
                          batch_handler=batch, batch_size=25, fetch_timeout=0.2)  # fmt: skip


async def test_disputes_batches_leave_the_same_rows_as_events_one_by_one(bus: Bus) -> None:
    js = bus.nc.jetstream()
    await provision(js, [DISPUTES_STREAM], [DISPUTES_CONSUMER])
    events = Mediation().events()
    recovery = next(e for e in events if e.type == "disputes.case.recovery_recorded")
    # The same recovery published again under a later case version: one recovery all the same.
    events.append(recovery.model_copy(update={
        "id": str(uuid4()), "aggregateversion": (recovery.aggregateversion or 0) + 100,
    }))  # fmt: skip
    published = [*events, events[len(events) // 2]]  # one event delivered twice
    random.Random(12).shuffle(published)
    for number, event in enumerate(published):
        await bus.publish(event, msg_id=f"{event.id}-{number}")
    assert await drain(runner(bus.pool, bus), js, DISPUTES_CONSUMER) == len(published)

    await js.delete_consumer(DISPUTES_CONSUMER.stream, DISPUTES_CONSUMER.durable)
    await provision(js, [], [DISPUTES_CONSUMER])
    dsn = bus.container.settings.database_url
    await migrate(dsn, BATCHED_SCHEMA, MIGRATIONS_DIR)
    batched_pool = await create_pool(dsn, BATCHED_SCHEMA, min_size=1, max_size=2)
    sizes: list[int] = []

    async def recording(conn: asyncpg.Connection[Any], batch: Sequence[CloudEvent]) -> None:
        await PROJECTION.apply_batch(conn, batch)
        sizes.append(len(batch))

    try:
        applied = await drain(runner(batched_pool, bus, recording), js, DISPUTES_CONSUMER)
        assert applied == len(published)
        # Every fresh event went the set-based way (the second copy is the inbox's to drop).
        assert sum(sizes) == len(events)
        assert len(sizes) > 3
        for table, left_out in TABLES.items():
            expected = await rows(bus.pool, table, left_out)
            assert expected, table  # the half-year reaches every table
            assert await rows(batched_pool, table, left_out) == expected, table
        kept = await batched_pool.fetchval(
            "SELECT count(*) FROM dispute_case_facts WHERE recovery_id = $1",
            UUID(str(recovery.data["recovery_id"])),
        )
        assert kept == 1
    finally:
        await batched_pool.close()
