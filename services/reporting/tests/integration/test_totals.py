"""The totals kept per organisation: as computed afresh from the facts, and read as the facts.

The untidy streams of ``event_mix.py`` (moves, corrections, re-publications) are consumed;
the totals kept batch by batch must equal those computed afresh from the facts, and every
organisation's report read from them must equal the report counted from the facts alone
(``reference_statistics``), for whole and partial periods and for past and future dates.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from uuid import uuid4

import pytest
from reporting.adapters.queries import statistics
from reporting.adapters.rebuild.totals_refresh import refresh_totals

from . import reference_statistics
from .conftest import Bus
from .event_mix import EventMix

pytestmark = pytest.mark.integration
TOTALS = ("member_totals", "employer_totals", "contract_totals", "totals_orgs")


async def _consumed(bus: Bus, seed: int) -> None:
    for number, event in enumerate(EventMix(seed, grouped=seed % 2 == 0).stream()):
        await bus.publish(event, msg_id=f"{event.id}-{number}")
    await bus.drain()


async def _snapshot(bus: Bus) -> dict[str, list[str]]:
    found = {}
    async with bus.pool.acquire() as conn:
        for table in TOTALS:
            rows = await conn.fetch(f"SELECT t::text FROM {table} t ORDER BY 1")
            found[table] = [row[0] for row in rows]
    return found


@pytest.mark.parametrize("seed", [3, 8])
async def test_totals_kept_batch_by_batch_equal_totals_computed_afresh(bus: Bus, seed: int) -> None:
    await _consumed(bus, seed)
    kept = await _snapshot(bus)
    async with bus.pool.acquire() as conn, conn.transaction():
        await refresh_totals(conn)

    assert all(kept[table] for table in TOTALS)
    assert await _snapshot(bus) == kept


def _windows(rng: random.Random) -> list[tuple[date, date]]:
    """Half-years, quarters, a month, odd ranges, a stock date before the period starts."""
    found = [(date(2023, 1, 1), date(2023, 6, 30)), (date(2023, 7, 1), date(2023, 12, 31)),
             (date(2023, 1, 1), date(2023, 3, 31)), (date(2023, 2, 1), date(2023, 2, 28)),
             (date(2022, 1, 1), date(2025, 6, 30)), (date(2024, 3, 1), date(2023, 12, 1))]  # fmt: skip
    for _ in range(6):
        first = date(2022, 11, 1) + timedelta(days=rng.randrange(800))
        found.append((first, first + timedelta(days=rng.randrange(400))))
    return found


@pytest.mark.parametrize("seed", [3, 8])
async def test_every_report_read_from_totals_equals_the_report_counted_from_facts(
    bus: Bus, seed: int
) -> None:
    await _consumed(bus, seed)
    rng = random.Random(seed)
    async with bus.pool.acquire() as conn:
        orgs = [row[0] for row in await conn.fetch("SELECT DISTINCT org_id FROM org_versions")]
        compared = 0
        for org in [*orgs, uuid4()]:
            for date_from, stock_date in rng.sample(_windows(rng), 4):
                read = await statistics.indicators(conn, org, date_from, stock_date)
                counted = await reference_statistics.indicators(conn, org, date_from, stock_date)
                assert read == counted, (org, date_from, stock_date)
                compared += read.stock.active_members + read.flows.members_admitted
    assert compared > 0  # the reports were not all empty
