"""The pipeline burst for the disputes and training streams, beside membership's.

The same measurement as :func:`bench.pipeline.measure_burst`: events committed to the
service's outbox as fast as possible, ``<service> relay`` publishing them, the running
``reporting consume`` applying them; events per second from the first outbox row to the last
inbox row. The events are each service's most frequent fact (a case received, an enrolment),
in the organisations the membership burst founded.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import asyncpg
from disputes.config import MIGRATIONS_DIR as DISPUTES_MIGRATIONS
from disputes.config import SCHEMA as DISPUTES_SCHEMA
from disputes.config import SERVICE_NAME as DISPUTES_SERVICE
from reporting.config import DISPUTES_CONSUMER, TRAINING_CONSUMER
from shared.bus import DEAD_LETTER_STREAM, DISPUTES_STREAM, TRAINING_STREAM
from shared.contracts import disputes, training
from shared.outbox import PendingEvent
from training.config import MIGRATIONS_DIR as TRAINING_MIGRATIONS
from training.config import SCHEMA as TRAINING_SCHEMA
from training.config import SERVICE_NAME as TRAINING_SERVICE

from bench.pipeline import BurstResult, BurstSource, measure_burst
from bench.pipeline_stack import Daemon, Tree
from bench.stack import Stack, prepare_service

RECEIVED_ON = date(2024, 3, 1)
CLASS_ID = uuid.UUID("6f1c2c52-0b7e-4d55-9a55-5b0c1f0e7a11")  # the one class enrolled into


def case_received(tree: Tree, index: int) -> PendingEvent:
    """A wage-arrears case against one of the tree's employers."""
    slot = index % len(tree.unions)
    event = disputes.CaseReceived(
        org_id=tree.unions[slot], occurred_on=RECEIVED_ON, case_id=uuid.uuid4(),
        channel="visit", category="wages", employer_id=tree.employers[slot],
        workers_involved=1 + index % 12, migrant_workers=index % 2, collective=index % 12 >= 9,
        claimed_fen=100_000 + index,
    )  # fmt: skip
    return PendingEvent(event=event, aggregate_id=str(event.case_id), aggregate_version=1)


def enrolled(tree: Tree, index: int) -> PendingEvent:
    """A seat taken in the class, by a person who is a member every other time."""
    event = training.Enrolled(
        org_id=tree.unions[index % len(tree.unions)], occurred_on=RECEIVED_ON,
        person_id=uuid.uuid4(), member_id=uuid.uuid4() if index % 2 else None,
        enrolment_id=uuid.uuid4(), class_id=CLASS_ID,
    )  # fmt: skip
    return PendingEvent(event=event, aggregate_id=str(event.enrolment_id), aggregate_version=1)


@dataclass(frozen=True)
class StreamBurst:
    """One service's stream in the pipeline burst."""

    name: str
    source: BurstSource
    relay: list[str]


STREAM_BURSTS = (
    StreamBurst(
        "disputes",
        BurstSource(DISPUTES_SCHEMA, DISPUTES_SERVICE, DISPUTES_CONSUMER.durable, case_received),
        ["disputes", "relay"],
    ),
    StreamBurst(
        "training",
        BurstSource(TRAINING_SCHEMA, TRAINING_SERVICE, TRAINING_CONSUMER.durable, enrolled),
        ["training", "relay"],
    ),
)


async def prepare_stream_services(stack: Stack) -> None:
    """The disputes and training schemas (their outboxes) and streams, as ``make run`` would."""
    await prepare_service(stack, DISPUTES_SCHEMA, DISPUTES_MIGRATIONS,
                          [DISPUTES_STREAM, DEAD_LETTER_STREAM])  # fmt: skip
    await prepare_service(stack, TRAINING_SCHEMA, TRAINING_MIGRATIONS,
                          [TRAINING_STREAM, DEAD_LETTER_STREAM])  # fmt: skip


async def measure_stream_burst(
    stack: Stack, env: dict[str, str], conn: asyncpg.Connection[asyncpg.Record], tree: Tree,
    events: int, consumer: Daemon, burst: StreamBurst,
) -> BurstResult:  # fmt: skip
    """``events`` of one service through its own relay process and the running consumer."""
    relay = Daemon(burst.relay, env, stack.root / f"{burst.name}-relay.log")
    relay.start()
    try:
        return await measure_burst(stack.dsn, conn, tree, events, [relay, consumer], burst.source)
    finally:
        relay.stop()
