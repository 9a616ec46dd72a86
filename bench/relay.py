"""Outbox relay throughput: a backlog of committed outbox rows drained to JetStream.

Run with the service stopped, so this relay is the only one claiming rows. The rows are
``membership.member.admitted`` events as the service writes them; the figure is the time the
service's own :class:`OutboxRelay` (default batch size) takes to publish and mark them all.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import date

import asyncpg
import nats
from membership.config import SCHEMA, SERVICE_NAME
from shared.bus import MEMBERSHIP_STREAM
from shared.contracts.membership import MemberAdmitted
from shared.db import create_pool
from shared.outbox import OutboxRelay, PendingEvent, append_to_outbox
from shared.telemetry import setup_tracing

INSERT_BATCH = 2_000


class RelayMismatch(RuntimeError):
    """The stream did not grow by exactly the number of rows relayed."""


@dataclass(frozen=True)
class RelayResult:
    events: int
    elapsed_seconds: float
    events_per_second: float
    stream_growth: int


def admitted_event(union_id: uuid.UUID, employer_id: uuid.UUID, index: int) -> PendingEvent:
    """One admission event as the service would write it (pseudonymous ids only)."""
    member_id = uuid.uuid4()
    event = MemberAdmitted(
        org_id=union_id,
        occurred_on=date(2024, 3, 1),
        member_id=member_id,
        employer_id=employer_id,
        sex="female" if index % 2 else "male",
        birth_year=1970 + index % 40,
        is_migrant_worker=index % 3 == 0,
    )
    return PendingEvent(event=event, aggregate_id=str(member_id), aggregate_version=1)


async def measure_relay(dsn: str, nats_url: str, events: int) -> RelayResult:
    """Insert ``events`` outbox rows, then time the relay's passes until none is left.

    Raises:
        RelayMismatch: the stream grew by a different number of messages.
    """
    # The service records a producer span per event; so must the measured relay.
    setup_tracing(SERVICE_NAME)
    pool = await create_pool(dsn, SCHEMA, min_size=2, max_size=4)
    nc = await nats.connect(nats_url, name="bench-relay")
    try:
        js = nc.jetstream()
        relay = OutboxRelay(pool, SCHEMA, js)
        await _drain(relay)  # whatever the service left behind is not part of the figure
        before = (await js.stream_info(MEMBERSHIP_STREAM.name)).state.messages
        await _fill_outbox(pool, events)
        # Flush what the earlier steps and the fill left dirty, so that a checkpoint falling
        # inside the timed window does not charge their writes to the relay.
        await pool.execute("CHECKPOINT")
        started = time.perf_counter()
        published = await _drain(relay)
        elapsed = time.perf_counter() - started
        growth = (await js.stream_info(MEMBERSHIP_STREAM.name)).state.messages - before
    finally:
        await nc.close()
        await pool.close()
    if growth != events or published != events:
        raise RelayMismatch(f"relayed {published} of {events} rows; the stream grew by {growth}")
    return RelayResult(events, elapsed, events / elapsed, growth)


async def _fill_outbox(pool: asyncpg.Pool[asyncpg.Record], events: int) -> None:
    union_id, employer_id = uuid.uuid4(), uuid.uuid4()
    for offset in range(0, events, INSERT_BATCH):
        batch = [
            admitted_event(union_id, employer_id, offset + i)
            for i in range(min(INSERT_BATCH, events - offset))
        ]
        async with pool.acquire() as conn, conn.transaction():
            await append_to_outbox(conn, SERVICE_NAME, batch)


async def _drain(relay: OutboxRelay) -> int:
    published = 0
    while passed := await relay.publish_pending():
        published += passed
    return published
