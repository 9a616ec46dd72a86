"""Pipeline throughput and lag: outbox commit → NATS → reporting's read model.

With a service's relay (``membership relay`` first) and ``reporting consume`` running, events
are committed to that service's outbox and the bench waits until reporting's inbox holds
every one of them.

* Throughput: a burst of admissions written as fast as possible, several per transaction;
  events per second from the first outbox row to the last inbox row.
* Lag: admissions paced at a fixed rate, one per transaction; per event, the inbox row's
  ``applied_at`` minus the outbox row's ``created_at``, both ``clock_timestamp()`` on the
  same server, so no clocks are compared across machines.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
from membership.config import SCHEMA as MEMBERSHIP_SCHEMA
from membership.config import SERVICE_NAME as MEMBERSHIP_SERVICE
from reporting.config import MEMBERSHIP_CONSUMER
from reporting.config import SCHEMA as REPORTING_SCHEMA
from shared.contracts.membership import MemberAdmitted
from shared.db import create_pool
from shared.outbox import PendingEvent, append_to_outbox

from bench.pipeline_stack import CATCH_UP_TIMEOUT_SECONDS, Daemon, Tree

BURST_TRANSACTION = 100
BURST_WRITERS = 4
PACED_CONNECTIONS = 8
JOINED_ON = date(2024, 3, 1)


def _applied_sql(schema: str) -> str:
    """Written and applied events after $1 (an outbox position) of ``schema``'s outbox, for
    reporting's consumer $2."""
    return f"""
SELECT count(i.event_id) AS applied, count(*) AS written,
    min(o.created_at) AS first_commit, max(i.applied_at) AS last_applied,
    extract(epoch FROM max(i.applied_at) - min(o.created_at)) AS seconds,
    extract(epoch FROM max(o.created_at) - min(o.created_at)) AS writing_seconds,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY i.applied_at - o.created_at) AS p50,
    percentile_cont(0.99) WITHIN GROUP (ORDER BY i.applied_at - o.created_at) AS p99,
    max(i.applied_at - o.created_at) AS worst
FROM "{schema}".outbox o
LEFT JOIN "{REPORTING_SCHEMA}".inbox i ON i.event_id = o.event_id AND i.consumer = $2
WHERE o.position > $1
"""


@dataclass(frozen=True)
class BurstResult:
    events: int
    write_seconds: float
    seconds: float
    events_per_second: float


@dataclass(frozen=True)
class LagResult:
    events: int
    rate_asked: float
    rate_written: float
    p50_ms: float
    p99_ms: float
    max_ms: float


@dataclass(frozen=True)
class BurstSource:
    """A service whose outbox a burst is written to, and reporting's consumer of its stream."""

    schema: str
    service: str
    durable: str
    make_event: Callable[[Tree, int], PendingEvent]


def admission(tree: Tree, index: int) -> PendingEvent:
    """An admission to one of the founded unions, at its employer."""
    slot = index % len(tree.unions)
    event = MemberAdmitted(
        org_id=tree.unions[slot], occurred_on=JOINED_ON, member_id=uuid.uuid4(),
        employer_id=tree.employers[slot], sex="female" if index % 2 else "male",
        birth_year=1970 + index % 40, is_migrant_worker=index % 3 == 0,
    )  # fmt: skip
    return PendingEvent(event=event, aggregate_id=str(event.member_id), aggregate_version=1)


MEMBERSHIP_SOURCE = BurstSource(
    MEMBERSHIP_SCHEMA, MEMBERSHIP_SERVICE, MEMBERSHIP_CONSUMER.durable, admission
)


async def _last_position(conn: asyncpg.Connection[asyncpg.Record], schema: str) -> int:
    found = await conn.fetchval(f'SELECT max(position) FROM "{schema}".outbox')
    return int(found or 0)


async def _wait_applied(
    conn: asyncpg.Connection[asyncpg.Record], after: int, watched: list[Daemon],
    source: BurstSource = MEMBERSHIP_SOURCE,
) -> asyncpg.Record:  # fmt: skip
    deadline = time.monotonic() + CATCH_UP_TIMEOUT_SECONDS
    sql = _applied_sql(source.schema)
    while True:
        for daemon in watched:
            daemon.check_alive()
        row = await conn.fetchrow(sql, after, source.durable)
        assert row is not None
        if row["applied"] == row["written"]:
            return row
        if time.monotonic() > deadline:
            raise TimeoutError(f"{row['applied']} of {row['written']} events applied in time")
        await asyncio.sleep(0.1)


async def measure_burst(
    dsn: str, conn: asyncpg.Connection[asyncpg.Record], tree: Tree, events: int,
    watched: list[Daemon], source: BurstSource = MEMBERSHIP_SOURCE,
) -> BurstResult:  # fmt: skip
    """Commit ``events`` of ``source`` as fast as possible; time until the last is applied."""
    after = await _last_position(conn, source.schema)
    pool = await create_pool(dsn, source.schema, min_size=BURST_WRITERS, max_size=BURST_WRITERS)
    offsets = iter(range(0, events, BURST_TRANSACTION))

    async def writer() -> None:
        for offset in offsets:
            size = min(BURST_TRANSACTION, events - offset)
            batch = [source.make_event(tree, offset + i) for i in range(size)]
            async with pool.acquire() as writing, writing.transaction():
                await append_to_outbox(writing, source.service, batch)

    try:
        started = time.perf_counter()
        await asyncio.gather(*(writer() for _ in range(BURST_WRITERS)))
        write_seconds = time.perf_counter() - started
    finally:
        await pool.close()
    row = await _wait_applied(conn, after, watched, source)
    seconds = float(row["seconds"])
    return BurstResult(events, write_seconds, seconds, events / seconds)


async def measure_lag(
    dsn: str, conn: asyncpg.Connection[asyncpg.Record], tree: Tree, rate: float,
    seconds: float, watched: list[Daemon],
) -> LagResult:  # fmt: skip
    """Commit one admission per transaction at ``rate`` a second; commit → applied per event."""
    after = await _last_position(conn, MEMBERSHIP_SCHEMA)
    events = int(rate * seconds)
    pool = await create_pool(
        dsn, MEMBERSHIP_SCHEMA, min_size=PACED_CONNECTIONS, max_size=PACED_CONNECTIONS
    )

    async def write_one(index: int) -> None:
        async with pool.acquire() as writing, writing.transaction():
            await append_to_outbox(writing, MEMBERSHIP_SERVICE, [admission(tree, index)])

    try:
        loop = asyncio.get_running_loop()
        started = loop.time()
        pending = []
        for index in range(events):
            delay = started + index / rate - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            pending.append(asyncio.create_task(write_one(index)))
        await asyncio.gather(*pending)
    finally:
        await pool.close()
    row = await _wait_applied(conn, after, watched)
    return LagResult(
        events, rate, events / max(float(row["writing_seconds"]), 1e-9),
        _ms(row["p50"]), _ms(row["p99"]), _ms(row["worst"]),
    )  # fmt: skip


def _ms(interval: Any) -> float:
    return float(interval.total_seconds() * 1000)
