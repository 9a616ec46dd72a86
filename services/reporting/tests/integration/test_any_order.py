"""Any delivery order of an aggregate's events leaves the rows that delivery in order leaves.

Generated histories (see ``histories.py``) are applied twice into two schemas of a real
PostgreSQL: once each aggregate's events in version order, one at a time; once in a random
order with copies and re-publications, in random batches applied set-based or one by one.
Every table the membership projection writes must hold the same rows.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, TypeAlias

import asyncpg
import pytest
import pytest_asyncio
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reporting.adapters.projections.membership import apply_membership_batch, apply_membership_event
from reporting.adapters.projections.totals import ALL_ORGS
from reporting.config import MIGRATIONS_DIR
from shared.contracts.envelope import CloudEvent
from shared.db import create_pool
from shared.migrations import migrate

from .histories import deliveries, histories

pytestmark = pytest.mark.integration
Pool: TypeAlias = "asyncpg.Pool[asyncpg.Record]"
IN_ORDER, ANY_ORDER = "reporting_in_order", "reporting_any_order"
# Every table the projection writes; the timeline without the event id (a re-publication may
# arrive before the original and stand for it) and the stream position (no consumer here).
TABLES: dict[str, tuple[str, ...]] = {
    "aggregate_versions": (), "applied_versions": (), "org_facts": (), "org_versions": (),
    "employers": (), "employer_census": (), "employer_coverage": (), "member_facts": (),
    "membership_periods": (), "contracts": (), "member_timeline": ("event_id", "seq"),
    "member_totals": (), "employer_totals": (), "contract_totals": (), "committee_facts": (),
}  # fmt: skip
# Every organisation a totals row was ever kept under: which ones depends on how changes were
# netted in batches (an org may pass through), so it need only hold every org with totals.
KNOWN_ORGS_SQL = "SELECT org_id FROM totals_orgs"
TOTALLED_ORGS_SQL = (
    "SELECT union_id FROM member_totals UNION SELECT territory_org_id FROM employer_totals"
    " UNION SELECT union_id FROM contract_totals"
)


@pytest_asyncio.fixture
async def schemas(database_url: str) -> AsyncIterator[tuple[Pool, Pool]]:
    pools = []
    for schema in (IN_ORDER, ANY_ORDER):
        await migrate(database_url, schema, MIGRATIONS_DIR)
        pools.append(await create_pool(database_url, schema, min_size=1, max_size=1))
    yield pools[0], pools[1]
    for pool in pools:
        await pool.close()


async def rows(pool: Pool, table: str, left_out: tuple[str, ...]) -> list[str]:
    found = await pool.fetch(
        f"SELECT (to_jsonb(t) - $1::text[])::text FROM {table} t ORDER BY 1", list(left_out)
    )
    return [row[0] for row in found]


async def one_by_one(pool: Pool, events: list[CloudEvent]) -> None:
    async with pool.acquire() as conn, conn.transaction():
        for event in events:
            await apply_membership_event(conn, event)  # type: ignore[arg-type]


async def batched(pool: Pool, events: list[CloudEvent]) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await apply_membership_batch(conn, events)  # type: ignore[arg-type]


# No shrinking: a failing example is reported as generated, within the test's time limit.
@settings(max_examples=25, deadline=None, database=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(data=st.data())
async def test_any_delivery_order_leaves_the_rows_of_delivery_in_order(
    schemas: tuple[Pool, Pool], data: Any
) -> None:
    history = data.draw(histories())
    delivery = data.draw(deliveries(history))
    in_order, any_order = schemas
    for pool in schemas:
        await pool.execute(f"TRUNCATE {', '.join(TABLES)}, totals_orgs")
    for aggregate in history:
        await one_by_one(in_order, aggregate)
    for set_based, events in delivery.batches:
        await (batched if set_based else one_by_one)(any_order, events)
    for table, left_out in TABLES.items():
        assert await rows(any_order, table, left_out) == await rows(in_order, table, left_out), (
            table
        )
    for pool in schemas:
        known = {row[0] for row in await pool.fetch(KNOWN_ORGS_SQL)}
        assert known >= {row[0] for row in await pool.fetch(TOTALLED_ORGS_SQL)} - {ALL_ORGS}
