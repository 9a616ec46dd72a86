"""A generated city written straight into reporting's tables, and the statistics read from it.

The city has 5,000 organisations in the usual tree (city → 12 districts → 100 streets →
900 communities → 3,987 grassroots unions), 100,000 employers with a census and a coverage
each, and up to 5,000,000 membership periods with their admission facts (about one in
twelve closed again with a ``left`` fact). Members are written in chunks until the target or
the time budget is reached, whichever comes first; the size reached is reported as measured.

It lives in a database of its own, so the pipeline's read models stay small and clean. Being
written straight into the fact tables, it then gets its per-organisation totals computed from
the facts in one pass, as the projection would have kept them event by event.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg
from reporting.adapters.queries.statistics import children_indicators, indicators
from reporting.adapters.rebuild.totals_refresh import refresh_totals
from reporting.config import MIGRATIONS_DIR, SCHEMA
from shared.collector import freeze_start_up
from shared.db import connect
from shared.migrations import migrate

from bench.city_sql import CONTRACTS_SQL, EMPLOYERS_SQL, MEMBERS_SQL, ORG_ID, ORGS_SQL

CITY_DATABASE = "bench_city"
PERIOD_FROM, PERIOD_TO = date(2024, 1, 1), date(2024, 6, 30)
MEMBER_CHUNK = 500_000


@dataclass(frozen=True)
class CitySize:
    organisations: int
    employers: int
    members: int
    member_facts: int
    contracts: int
    generation_seconds: float
    members_target: int
    totals_seconds: float = 0.0


@dataclass(frozen=True)
class QueryTiming:
    runs: int
    median_ms: float
    p95_ms: float


@dataclass
class CityResult:
    size: CitySize
    full_scan_ms: float
    timings: dict[str, QueryTiming] = field(default_factory=dict)


async def create_city_database(admin_dsn: str, city_dsn: str) -> None:
    """A fresh database for the city, with reporting's schema migrated into it."""
    admin = await asyncpg.connect(admin_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{CITY_DATABASE}"')
        await admin.execute(f'CREATE DATABASE "{CITY_DATABASE}"')
    finally:
        await admin.close()
    await migrate(city_dsn, SCHEMA, MIGRATIONS_DIR)


async def generate_city(
    conn: asyncpg.Connection[Any], members: int, budget_seconds: float
) -> CitySize:
    """Write the city; members stop at ``members`` or once ``budget_seconds`` have passed."""
    started = time.perf_counter()
    await conn.execute(ORGS_SQL)
    await conn.execute(EMPLOYERS_SQL)
    await conn.execute(CONTRACTS_SQL)
    written = 0
    while written < members and time.perf_counter() - started < budget_seconds:
        chunk = min(MEMBER_CHUNK, members - written)
        await conn.execute(MEMBERS_SQL, written, written + chunk - 1)
        written += chunk
    elapsed = time.perf_counter() - started
    # Written straight into the tables, the city gets its totals as the projection keeps them.
    async with conn.transaction():
        await refresh_totals(conn)
    await conn.execute("ANALYZE")
    totals_seconds = time.perf_counter() - started - elapsed
    counts = await conn.fetchrow(
        "SELECT (SELECT count(*) FROM org_versions) AS orgs,"
        " (SELECT count(*) FROM employers) AS employers,"
        " (SELECT count(*) FROM membership_periods) AS members,"
        " (SELECT count(*) FROM member_facts) AS facts,"
        " (SELECT count(*) FROM contracts) AS contracts"
    )
    assert counts is not None
    return CitySize(
        counts["orgs"], counts["employers"], counts["members"], counts["facts"],
        counts["contracts"], elapsed, members, totals_seconds,
    )  # fmt: skip


async def _timed(
    work: Callable[[], Awaitable[object]], runs: int, budget_seconds: float
) -> QueryTiming:
    """Up to ``runs`` timed calls after a warm-up call, as many as ``budget_seconds`` allows.

    A call slower than the whole budget is timed once more at most; when even the warm-up
    used the budget up, the warm-up is the only sample.
    """
    started = time.perf_counter()
    await work()
    warm_up = time.perf_counter() - started
    affordable = int((budget_seconds - warm_up) / max(warm_up, 1e-6))
    samples = [] if affordable >= 1 else [warm_up * 1000]
    for _ in range(max(0, min(runs, affordable))):
        began = time.perf_counter()
        await work()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return QueryTiming(len(samples), statistics.median(samples), p95)


async def full_scan_ms(conn: asyncpg.Connection[Any], runs: int = 5) -> float:
    """PostgreSQL alone: counting the members of the whole city on one day, median in ms."""
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        await conn.fetchval(
            "SELECT count(*) FROM membership_periods"
            " WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)",
            PERIOD_TO,
        )
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


async def time_statistics(
    conn: asyncpg.Connection[Any], runs: int, budget_seconds: float
) -> dict[str, QueryTiming]:
    """``indicators`` for the root, a district and a street; ``children_indicators`` for a district."""
    root, district, street = [
        UUID(await conn.fetchval(f"SELECT {ORG_ID.format(n=n)}::text")) for n in (0, 1, 13)
    ]
    each = budget_seconds / 4
    freeze_start_up()  # as the reporting app does once started, before the timed reports

    def report(org: UUID) -> Callable[[], Awaitable[object]]:
        return lambda: indicators(conn, org, PERIOD_FROM, PERIOD_TO)

    return {
        "city": await _timed(report(root), runs, each),
        "district": await _timed(report(district), runs, each),
        "street": await _timed(report(street), runs, each),
        "district_children": await _timed(
            lambda: children_indicators(conn, district, PERIOD_FROM, PERIOD_TO), runs, each
        ),
    }


async def measure_city(
    admin_dsn: str, city_dsn: str, members: int, budget: tuple[float, float], runs: int
) -> CityResult:
    """Generate the city in ``budget[0]`` seconds at most, then time its statistics."""
    await create_city_database(admin_dsn, city_dsn)
    conn = await connect(city_dsn, SCHEMA)
    try:
        size = await generate_city(conn, members, budget[0])
        scan_ms = await full_scan_ms(conn)
        # A runaway plan must not hold the whole bench hostage.
        await conn.execute(f"SET statement_timeout = {int(budget[1] * 1000)}")
        return CityResult(size, scan_ms, await time_statistics(conn, runs, budget[1]))
    finally:
        await conn.close()
