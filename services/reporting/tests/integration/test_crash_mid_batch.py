"""A batch whose database connection dies half-way leaves nothing behind and is applied once later.

The consumer is stopped inside its batch transaction — after the inbox claims and the
projections, before the tracking row — by a lock another session holds, and then its
PostgreSQL backend is terminated, as when the database fails over or the pod is killed. The
batch is rolled back whole; the messages come again; the figures end exactly as hand-computed
and every event is in the inbox once.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date
from decimal import Decimal

import asyncpg
import pytest
from reporting.config import MEMBERSHIP_CONSUMER
from shared.testing.consumers import drain

from .conftest import Bus
from .figures import flow_row, report, stock_row
from .scenario import Scenario

pytestmark = pytest.mark.integration
D = Decimal
H1 = (date(2024, 1, 1), date(2024, 6, 30))
H2 = (date(2024, 7, 1), date(2024, 12, 31))
PATIENCE_SECONDS = 30.0


async def _blocked_backend(database_url: str, locker: asyncpg.Connection[asyncpg.Record]) -> int:
    """The pid of the session waiting on the lock ``locker`` holds."""
    deadline = asyncio.get_running_loop().time() + PATIENCE_SECONDS
    while asyncio.get_running_loop().time() < deadline:
        pid = await locker.fetchval(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        if pid is not None:
            return int(pid)
        await asyncio.sleep(0.05)
    raise AssertionError("the consumer never reached the locked table")


async def test_a_batch_killed_half_way_is_rolled_back_and_applied_once(
    bus: Bus, database_url: str
) -> None:
    scenario = Scenario()
    events = scenario.events()
    for event in events:
        await bus.publish(event)

    locker = await asyncpg.connect(database_url, server_settings={"search_path": "reporting"})
    try:
        locker_tx = locker.transaction()
        await locker_tx.start()
        await locker.execute("LOCK TABLE consumer_tracking IN ACCESS EXCLUSIVE MODE")
        runner = bus.container.membership_consumer(bus.nc.jetstream())
        batch = asyncio.create_task(runner.process_batch())
        victim = await _blocked_backend(database_url, locker)
        assert await locker.fetchval("SELECT pg_terminate_backend($1)", victim)
        with contextlib.suppress(Exception):
            await batch
        await locker_tx.rollback()
        # Nothing of the killed batch survived: no inbox row, no fact, no tracking.
        assert await locker.fetchval("SELECT count(*) FROM inbox") == 0
        assert await locker.fetchval("SELECT count(*) FROM member_timeline") == 0
        assert await locker.fetchval("SELECT count(*) FROM consumer_tracking") == 0
    finally:
        await locker.close()

    await drain(runner, bus.nc.jetstream(), MEMBERSHIP_CONSUMER)  # redelivered after the nak

    s = scenario
    first_half = await report(bus, s.district, *H1)
    assert stock_row(first_half) == (3, 230, 2, D("66.7"), 4, 0, D("1.7"))
    assert flow_row(first_half) == (1, 4, 2, 2, 0, 0, 0)
    second_half = await report(bus, s.district, *H2)
    assert stock_row(second_half) == (3, 250, 2, D("66.7"), 3, 1, D("1.2"))
    assert flow_row(second_half) == (1, 1, 1, 0, 0, 0, 1)
    async with bus.pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(DISTINCT event_id) FROM inbox") == len(events)
        assert await conn.fetchval("SELECT count(*) FROM member_timeline") == await conn.fetchval(
            "SELECT count(DISTINCT event_id) FROM member_timeline"
        )
