"""The generated city against reporting's own statistics, on the real PostgreSQL."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from reporting.adapters.queries.statistics import children_indicators, indicators
from reporting.config import MIGRATIONS_DIR, SCHEMA
from shared.db import connect
from shared.migrations import migrate

from bench.city import PERIOD_FROM, PERIOD_TO, generate_city

MEMBERS = 2_400


async def test_the_city_tree_rolls_every_member_up_to_the_root(database_url: str) -> None:
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    conn = await connect(database_url, SCHEMA)
    try:
        size = await generate_city(conn, MEMBERS, budget_seconds=60)
        root = UUID(await conn.fetchval("SELECT md5('org0')::uuid::text"))
        city = await indicators(conn, root, PERIOD_FROM, PERIOD_TO)
        districts = await children_indicators(conn, root, PERIOD_FROM, PERIOD_TO)
        on_stock_date = await conn.fetchrow(
            "SELECT count(*) FILTER (WHERE status = 'active') AS active,"
            " count(*) FILTER (WHERE status = 'retained') AS retained"
            " FROM membership_periods WHERE valid_from <= $1"
            " AND (valid_to IS NULL OR valid_to > $1)",
            PERIOD_TO,
        )
        admitted = await conn.fetchval(
            "SELECT count(*) FROM member_facts WHERE fact = 'admitted'"
            " AND effective_on BETWEEN $1 AND $2",
            PERIOD_FROM,
            PERIOD_TO,
        )
    finally:
        await conn.close()

    assert (size.organisations, size.employers, size.members) == (5_000, 100_000, MEMBERS)
    assert size.member_facts == MEMBERS + MEMBERS // 12  # every twelfth member has left
    assert on_stock_date is not None
    assert city.stock.active_members == on_stock_date["active"] > 0
    assert city.stock.retained_members == on_stock_date["retained"] > 0
    assert city.flows.members_admitted == admitted > 0
    assert len(districts) == 12
    assert sum(d.stock.active_members for d in districts) == city.stock.active_members
    assert sum(d.stock.employers for d in districts) == city.stock.employers
    assert city.stock.employers == await _employers_registered_by(database_url, PERIOD_TO)


async def _employers_registered_by(database_url: str, day: date) -> int:
    conn = await connect(database_url, SCHEMA)
    try:
        return int(
            await conn.fetchval("SELECT count(*) FROM employers WHERE registered_on <= $1", day)
        )
    finally:
        await conn.close()
