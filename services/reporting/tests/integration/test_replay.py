"""Replaying a stream in lanes: poison is skipped as the live consumer skips it, and a lane
whose database connection dies stops the replay with that error, no lane left running."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import asyncpg
import pytest
from reporting.adapters.projections.membership import apply_membership_event
from reporting.adapters.projections.projected_streams import ProjectedStream
from reporting.adapters.rebuild import deferral
from reporting.adapters.rebuild.rebuild import rebuild
from reporting.adapters.rebuild.replay import StreamReplay
from reporting.config import MEMBERSHIP_CONSUMER
from reporting.domain.periods import parse_period
from shared.contracts.envelope import CloudEvent

from .conftest import Bus
from .scenario import Scenario

pytestmark = pytest.mark.integration


def _poison() -> CloudEvent:
    """An admission whose data misses every field: no retry can ever apply it."""
    return CloudEvent(
        source="/membership", type="membership.member.admitted", subject=None, data={"x": 1}
    )


async def test_poison_in_the_stream_is_skipped_and_the_rest_equals_live(bus: Bus) -> None:
    events = Scenario().events()
    middle = len(events) // 2
    for event in [*events[:middle], _poison(), *events[middle:]]:
        await bus.publish(event)
    await bus.drain()

    report = await rebuild(
        bus.container.settings.database_url, bus.nc.jetstream(), [parse_period("2024H1")],
        today=date(2025, 1, 15), batch_size=5,
    )  # fmt: skip

    assert (report.counts.messages, report.counts.skipped) == (len(events) + 1, 1)
    assert report.counts.applied == len(events)
    assert (report.differences, report.swapped) == ([], True)


async def test_a_lane_whose_connection_dies_stops_the_replay_with_no_lane_left(bus: Bus) -> None:
    events = Scenario().events()
    for event in events:
        await bus.publish(event)
    doomed = events[len(events) // 2].id

    async def dies_on_one_event(conn: asyncpg.Connection[Any], envelope: CloudEvent) -> None:
        if envelope.id == doomed:
            await conn.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        else:  # the other lanes are still at work when that one fails
            await asyncio.sleep(0.05)
        await apply_membership_event(conn, envelope)

    stream = ProjectedStream(MEMBERSHIP_CONSUMER, dies_on_one_event, lanes=3)
    replay = StreamReplay(bus.pool, bus.nc.jetstream(), stream, batch_size=6)
    try:
        # As in a rebuild's bulk load: derived rows deferred, so the three lanes run at once.
        with deferral.deferred(), pytest.raises((asyncpg.PostgresError, asyncpg.InterfaceError)):
            await replay.replay_until(len(events))
    finally:
        await replay.close()

    lanes = [task for task in asyncio.all_tasks() if "_apply_lane" in repr(task.get_coro())]
    assert lanes == []
    assert 0 < replay.counts.position < len(events)
    async with bus.pool.acquire() as conn:
        applied = await conn.fetchval(
            "SELECT last_seq FROM consumer_tracking WHERE consumer = $1",
            MEMBERSHIP_CONSUMER.durable,
        )
    assert applied is not None
    assert applied < len(events)
