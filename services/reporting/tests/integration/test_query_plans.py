"""A batch's aggregates are looked up through their key, however the table compares in size.

With the planner's default cost of a random page read (4) PostgreSQL scanned an
``aggregate_versions`` of a few hundred thousand rows whole for every batch of a rebuild lane
(ten times slower than probing the key, and growing with the table). The servers are configured
for cached SSD storage (``random_page_cost`` 1.1, in the embedded server and in
``deploy/platform/postgres/cluster.yaml``); this holds the plan to it.
"""

from __future__ import annotations

from uuid import uuid4

import asyncpg
import pytest
from reporting.adapters.projections.versions import AGGREGATE_VERSIONS
from reporting.config import MIGRATIONS_DIR, SCHEMA
from shared.migrations import migrate

pytestmark = pytest.mark.integration
ROWS = 300_000
LANE_BATCH = 1_334  # a rebuild batch of 4,000 over three lanes
_LOCK_SQL = AGGREGATE_VERSIONS.lock_sql


async def test_a_lane_batch_of_aggregates_is_probed_by_key_in_a_large_table(
    database_url: str,
) -> None:
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    conn = await asyncpg.connect(database_url, server_settings={"search_path": SCHEMA})
    try:
        await conn.execute(
            "INSERT INTO aggregate_versions (aggregate_id, aggregate_type, version)"
            " SELECT gen_random_uuid(), 'member', 1 FROM generate_series(1, $1)",
            ROWS,
        )
        async with conn.transaction():
            await conn.execute("SET LOCAL plan_cache_mode = force_custom_plan")  # as batches do
            plan = await conn.fetch("EXPLAIN " + _LOCK_SQL, [uuid4() for _ in range(LANE_BATCH)])
    finally:
        await conn.close()

    lines = [row[0] for row in plan]
    assert any("Index Scan using aggregate_versions_pkey" in line for line in lines), lines
    assert not any("Seq Scan" in line for line in lines), lines
