"""Disputes and training events applied a batch at a time leave the rows they leave one by one.

Each stream's half-year, shuffled (versions out of order), with one message delivered twice
and one thing published again under a new event id, is consumed twice from the stream's start
through the same durable name: once event by event into the ``reporting`` schema, once by the
batch handler into a second schema. Every table of the stream must then hold the same rows.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

import asyncpg
import pytest
from reporting.adapters.projections import disputes, training
from reporting.adapters.projections.stream_projection import StreamProjection
from reporting.config import DISPUTES_CONSUMER, MIGRATIONS_DIR, TRAINING_CONSUMER
from shared.bus import DISPUTES_STREAM, TRAINING_STREAM, ConsumerRunner, ConsumerSpec, provision
from shared.bus.streams import StreamSpec
from shared.contracts.envelope import CloudEvent
from shared.db import create_pool
from shared.migrations import migrate
from shared.testing.consumers import drain

from .conftest import Bus
from .dispute_scenario import Mediation
from .test_batch_projection import rows
from .training_scenario import TrainingStreet

pytestmark = pytest.mark.integration
BATCHED_SCHEMA = "reporting_stream_batched"
LEFT_OUT = {"inbox": ("applied_at",), "consumer_tracking": ("updated_at",)}


@dataclass(frozen=True)
class Case:
    projection: StreamProjection
    consumer: ConsumerSpec
    stream: StreamSpec
    events: Callable[[], list[CloudEvent]]
    prefix: str  # the stream's own tables
    republished: str  # an event type whose thing is published again under a new id
    filled: tuple[str, ...]  # tables the half-year must reach


CASES = {
    "disputes": Case(
        disputes.PROJECTION, DISPUTES_CONSUMER, DISPUTES_STREAM, lambda: Mediation().events(),
        "dispute_", "disputes.case.recovery_recorded",
        ("dispute_case_facts", "dispute_case_applicants", "dispute_contacts", "dispute_legal_aid"),
    ),
    "training": Case(
        training.PROJECTION, TRAINING_CONSUMER, TRAINING_STREAM,
        lambda: TrainingStreet().events(), "training_", "training.enrolment.enrolled",
        ("training_enrolments", "training_completions", "training_certificates",
         "member_timeline"),
    ),
}  # fmt: skip


def untidy(case: Case) -> tuple[list[CloudEvent], list[CloudEvent]]:
    """The stream's distinct events, and the messages published: shuffled, one twice."""
    events = case.events()
    again = next(e for e in events if e.type == case.republished)
    # Published again under a later version and a new id: still one thing, counted once.
    events.append(again.model_copy(update={
        "id": str(uuid4()), "aggregateversion": (again.aggregateversion or 0) + 100,
    }))  # fmt: skip
    published = [*events, events[len(events) // 2]]
    random.Random(12).shuffle(published)
    return events, published


async def tables(pool: asyncpg.Pool[Any], prefix: str) -> list[str]:
    found = await pool.fetch(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_name LIKE $1 ORDER BY 1", prefix + "%",
    )  # fmt: skip
    return [row[0] for row in found] + ["member_timeline", "inbox", "consumer_tracking"]


def runner(pool: asyncpg.Pool[Any], bus: Bus, case: Case, batch: Any = None) -> ConsumerRunner:
    return ConsumerRunner(pool, bus.nc.jetstream(), case.consumer, case.projection.apply_event,
                          batch_handler=batch, batch_size=25, fetch_timeout=0.2)  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
async def test_batches_leave_the_same_rows_as_events_one_by_one(bus: Bus, name: str) -> None:
    case, js = CASES[name], bus.nc.jetstream()
    await provision(js, [case.stream], [case.consumer])
    events, published = untidy(case)
    for number, event in enumerate(published):
        await bus.publish(event, msg_id=f"{event.id}-{number}")
    assert await drain(runner(bus.pool, bus, case), js, case.consumer) == len(published)

    await js.delete_consumer(case.consumer.stream, case.consumer.durable)
    await provision(js, [], [case.consumer])
    dsn = bus.container.settings.database_url
    await migrate(dsn, BATCHED_SCHEMA, MIGRATIONS_DIR)
    batched_pool = await create_pool(dsn, BATCHED_SCHEMA, min_size=1, max_size=2)
    sizes: list[int] = []

    async def recording(conn: asyncpg.Connection[Any], batch: Sequence[CloudEvent]) -> None:
        await case.projection.apply_batch(conn, batch)
        sizes.append(len(batch))

    try:
        applied = await drain(runner(batched_pool, bus, case, recording), js, case.consumer)
        assert applied == len(published)
        # Every fresh event went the batch way (the second copy is the inbox's to drop).
        assert sum(sizes) == len(events)
        assert len(sizes) > 3
        for table in case.filled:
            assert await rows(bus.pool, table, ()), table
        for table in await tables(bus.pool, case.prefix):
            left_out = LEFT_OUT.get(table, ())
            expected = await rows(bus.pool, table, left_out)
            assert await rows(batched_pool, table, left_out) == expected, table
    finally:
        await batched_pool.close()
