"""The reporting steps of a bench run: pipeline, rebuild, then the generated city.

The relay and the consumer run for the pipeline and the rebuild (the rebuild needs the live
consumer to catch up with it); the city lives in a database of its own afterwards. Each step
records its failure and lets the next one run.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from typing import TypeVar

import asyncpg
from membership.config import SCHEMA as MEMBERSHIP_SCHEMA

from bench.city import CITY_DATABASE, CityResult, measure_city
from bench.pipeline import BurstResult, LagResult, measure_burst, measure_lag
from bench.pipeline_stack import (
    Daemon,
    Tree,
    found_tree,
    prepare_reporting,
    stream_last_seq,
    wait_until_consumed,
)
from bench.pipeline_streams import STREAM_BURSTS, measure_stream_burst, prepare_stream_services
from bench.rebuild_bench import RebuildResult, measure_rebuild
from bench.stack import Stack

T = TypeVar("T")
Say = Callable[[str], None]


@dataclass(frozen=True)
class ReportingPlan:
    """How much work the reporting steps do."""

    burst_events: int = 20_000
    stream_burst_events: int = 10_000  # each of the disputes and training streams
    rebuild_stream_events: int = 100_000  # the stream is topped up to this before the rebuild
    paced_rate: float = 1_000
    paced_seconds: float = 10
    city_members: int = 5_000_000
    city_generation_budget_seconds: float = 180
    query_runs: int = 20
    query_budget_seconds: float = 150


@dataclass
class ReportingMeasurements:
    """What the reporting steps measured; a step absent failed (see ``errors``)."""

    catch_up_seconds: float | None = None
    burst: BurstResult | None = None
    lag: LagResult | None = None
    stream_bursts: dict[str, BurstResult] = field(default_factory=dict)
    rebuild: RebuildResult | None = None
    city: CityResult | None = None
    errors: dict[str, str] = field(default_factory=dict)


def _describe(error: Exception) -> str:
    first_line = next(iter(str(error).splitlines()), "")
    return f"{type(error).__name__}: {first_line}"


async def _step(r: ReportingMeasurements, key: str, say: Say, work: Awaitable[T]) -> T | None:
    try:
        return await work
    except Exception as error:
        r.errors[key] = _describe(error)
        say(f"  ✗ {key} failed: {error}")
        return None


async def measure_reporting(
    stack: Stack,
    env: dict[str, str],
    plan: ReportingPlan,
    say: Say,
    steps: Collection[str] = ("pipeline", "rebuild", "city"),
) -> ReportingMeasurements:
    """Pipeline and rebuild with the relay and consumer running, then the city."""
    r = ReportingMeasurements()
    if "pipeline" in steps or "rebuild" in steps:
        await _step(
            r, "pipeline", say,
            _pipeline_and_rebuild(stack, env, plan, r, say, rebuild="rebuild" in steps),
        )  # fmt: skip
    if "city" not in steps:
        return r
    say(f"city: up to {plan.city_members:,} members generated in SQL, then the statistics")
    r.city = await _step(
        r,
        "city",
        say,
        measure_city(
            stack.dsn,
            stack.postgres.url(CITY_DATABASE),
            plan.city_members,
            (plan.city_generation_budget_seconds, plan.query_budget_seconds),
            plan.query_runs,
        ),
    )
    return r


async def _pipeline_and_rebuild(
    stack: Stack, env: dict[str, str], plan: ReportingPlan, r: ReportingMeasurements, say: Say,
    *, rebuild: bool = True,
) -> None:  # fmt: skip
    say("reporting: migrating, provisioning; starting `membership relay` and `reporting consume`")
    await prepare_reporting(stack.dsn, stack.nats_url)
    daemons = [
        Daemon(["membership", "relay"], env, stack.root / "relay.log"),
        Daemon(["reporting", "consume"], env, stack.root / "consumer.log"),
    ]
    conn = await asyncpg.connect(stack.dsn, server_settings={"search_path": MEMBERSHIP_SCHEMA})
    try:
        for daemon in daemons:
            daemon.start()
        r.catch_up_seconds = await _timed_catch_up(conn, stack, daemons)
        say(f"  consumer caught up with the earlier steps' stream in {r.catch_up_seconds:.1f}s")
        tree = await found_tree(conn)
        await wait_until_consumed(conn, stack.nats_url, daemons)
        say(f"pipeline burst: {plan.burst_events:,} admissions committed as fast as possible")
        r.burst = await _step(
            r, "pipeline_burst", say,
            measure_burst(stack.dsn, conn, tree, plan.burst_events, daemons),
        )  # fmt: skip
        say(f"pipeline lag: {plan.paced_rate:,.0f} admissions/s for {plan.paced_seconds:.0f}s")
        r.lag = await _step(
            r, "pipeline_lag", say,
            measure_lag(stack.dsn, conn, tree, plan.paced_rate, plan.paced_seconds, daemons),
        )  # fmt: skip
        await _stream_bursts(stack, env, conn, tree, plan, r, daemons[1], say)
        if rebuild:
            await _top_up_stream(stack, conn, tree, plan.rebuild_stream_events, daemons, say)
            say("rebuild: the whole MEMBERSHIP stream into a shadow schema, compared and swapped")
            r.rebuild = await _step(r, "rebuild", say, measure_rebuild(stack.dsn, stack.nats_url))
    finally:
        await conn.close()
        for daemon in daemons:
            daemon.stop()


async def _stream_bursts(
    stack: Stack, env: dict[str, str], conn: asyncpg.Connection[asyncpg.Record], tree: Tree,
    plan: ReportingPlan, r: ReportingMeasurements, consumer: Daemon, say: Say,
) -> None:  # fmt: skip
    """The same burst through the disputes and the training stream, each with its relay."""
    await prepare_stream_services(stack)
    for burst in STREAM_BURSTS:
        say(f"pipeline burst, {burst.name}: {plan.stream_burst_events:,} events through "
            f"`{' '.join(burst.relay)}`")  # fmt: skip
        work = measure_stream_burst(
            stack, env, conn, tree, plan.stream_burst_events, consumer, burst
        )
        result = await _step(r, f"pipeline_{burst.name}", say, work)
        if result is not None:
            r.stream_bursts[burst.name] = result


async def _top_up_stream(
    stack: Stack, conn: asyncpg.Connection[asyncpg.Record], tree: Tree, events: int,
    daemons: list[Daemon], say: Say,
) -> None:  # fmt: skip
    """More admissions, through the relay and the live consumer, until the stream has ``events``.

    A rebuild's fixed costs (the ephemeral consumer, the first fetch, deriving the periods and
    totals, indexes, statistics, the comparison) would otherwise weigh on a stream of a few
    tens of thousands of messages as they never do on a city's millions.
    """
    missing = events - await stream_last_seq(stack.nats_url)
    if missing > 0:
        say(f"rebuild: {missing:,} more admissions first, so the stream holds {events:,} messages")
        await measure_burst(stack.dsn, conn, tree, missing, daemons)
        await wait_until_consumed(conn, stack.nats_url, daemons)


async def _timed_catch_up(
    conn: asyncpg.Connection[asyncpg.Record], stack: Stack, daemons: list[Daemon]
) -> float:
    started = time.perf_counter()
    await wait_until_consumed(conn, stack.nats_url, daemons)
    return time.perf_counter() - started
