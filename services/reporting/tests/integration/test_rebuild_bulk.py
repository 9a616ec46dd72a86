"""The rebuild loads its shadow schema in bulk: periods, totals and indexes come afterwards.

What the live consumer kept event by event and what the rebuild computed in one pass must be
the same: the same indexes as a freshly migrated schema, the same membership periods, totals
and timeline row for row.
"""

from __future__ import annotations

from datetime import date

import pytest
from reporting.adapters.rebuild.rebuild import rebuild
from reporting.config import MIGRATIONS_DIR, SCHEMA
from reporting.domain.periods import parse_period
from shared.migrations import migrate

from .conftest import Bus
from .event_mix import EventMix

pytestmark = pytest.mark.integration
FRESH_SCHEMA = "reporting_fresh"
DERIVED = (
    "membership_periods", "member_totals", "employer_totals", "contract_totals", "totals_orgs",
    "member_timeline",
)  # fmt: skip
_INDEXES_SQL = (
    "SELECT indexname, replace(indexdef, $1 || '.', '') FROM pg_indexes"
    " WHERE schemaname = $1 ORDER BY indexname"
)


async def _derived_rows(bus: Bus) -> dict[str, list[str]]:
    async with bus.pool.acquire() as conn:
        return {
            table: [row[0] for row in await conn.fetch(f"SELECT t::text FROM {table} t ORDER BY 1")]
            for table in DERIVED
        }


async def test_the_swapped_in_schema_has_the_live_derived_rows_and_every_index(bus: Bus) -> None:
    for number, event in enumerate(EventMix(21).stream()):
        await bus.publish(event, msg_id=f"{event.id}-{number}")
    await bus.drain()
    kept_live = await _derived_rows(bus)

    report = await rebuild(
        bus.container.settings.database_url, bus.nc.jetstream(),
        [parse_period("2023H1"), parse_period("2024H1")], today=date(2025, 1, 15), batch_size=8,
    )  # fmt: skip
    await migrate(bus.container.settings.database_url, FRESH_SCHEMA, MIGRATIONS_DIR)

    assert (report.differences, report.swapped) == ([], True)
    assert all(kept_live.values())
    assert await _derived_rows(bus) == kept_live
    async with bus.pool.acquire() as conn:
        rebuilt = [tuple(row) for row in await conn.fetch(_INDEXES_SQL, SCHEMA)]
        fresh = [tuple(row) for row in await conn.fetch(_INDEXES_SQL, FRESH_SCHEMA)]
    assert rebuilt == fresh
    assert any(name == "membership_periods_union_stock" for name, _ in rebuilt)
