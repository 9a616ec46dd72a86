"""The rebuild replays the stream into a shadow schema, proves its figures, and swaps it in."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import date
from uuid import uuid4

import httpx
import pytest
from reporting.adapters.rebuild.figure_checks import AREAS
from reporting.adapters.rebuild.rebuild import SHADOW_SCHEMA, RebuildReport, rebuild
from reporting.adapters.rebuild.rebuild_load import RebuildRefused
from reporting.adapters.rebuild.totals_refresh import refresh_totals
from reporting.config import MEMBERSHIP_CONSUMER, ReportingSettings
from reporting.domain.periods import Period, parse_period
from reporting.entrypoints.app import create_app
from shared.auth import issue_token
from shared.contracts import membership as c
from shared.contracts.envelope import CloudEvent
from shared.devstack import free_port

from .conftest import Bus, envelope
from .figures import flow_row, report, snapshot, stock_row
from .scenario import Scenario

pytestmark = pytest.mark.integration
PERIODS = [parse_period(name) for name in ("2024H1", "2024H2", "2024Q1", "2024Q3")]
TODAY = date(2025, 1, 15)
YEAR_START = date(2024, 1, 1)


async def _applied_live(bus: Bus) -> Scenario:
    scenario = Scenario()
    events = scenario.events()
    for event in events:
        await bus.publish(event)
    assert await bus.drain() == len(events)
    return scenario


async def _rebuild(bus: Bus, periods: list[Period] = PERIODS, **options: object) -> RebuildReport:
    return await rebuild(bus.container.settings.database_url, bus.nc.jetstream(), periods,
                         today=TODAY, batch_size=16, **options)  # type: ignore[arg-type]  # fmt: skip


async def _schema_oid(bus: Bus) -> int:
    async with bus.pool.acquire() as conn:
        return int(await conn.fetchval("SELECT oid FROM pg_namespace WHERE nspname = 'reporting'"))


def _orgs(s: Scenario) -> list[object]:
    return [s.city, s.district, s.s1, s.s2, s.a, s.b, s.ua, s.ub, s.ua2]


async def test_rebuild_reproduces_the_live_figures_and_serves_the_api(bus: Bus) -> None:
    s = await _applied_live(bus)
    before = await snapshot(bus, _orgs(s), YEAR_START, date(2024, 12, 31))  # type: ignore[arg-type]
    live_schema = await _schema_oid(bus)
    seen: list[tuple[int, int]] = []

    result = await _rebuild(bus, progress=lambda done, total: seen.append((done, total)))

    events = len(s.events())
    assert (result.differences, result.swapped) == ([], True)
    assert (result.counts.messages, result.counts.applied, result.counts.skipped) == (
        events,
        events,
        0,
    )
    assert result.checks == 9 * len(PERIODS) * len(AREAS)  # membership and assistance figures
    assert result.events_per_second > 0
    assert (seen[0], seen[-1]) == ((0, events), (events, events))
    assert await _schema_oid(bus) != live_schema  # the rebuilt schema is the live one now
    async with bus.pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM inbox WHERE consumer = $1",
                                   MEMBERSHIP_CONSUMER.durable) == events  # fmt: skip
        assert await conn.fetchval("SELECT last_seq FROM consumer_tracking") == events
        assert not await conn.fetchval(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", SHADOW_SCHEMA
        )
    assert await snapshot(bus, _orgs(s), YEAR_START, date(2024, 12, 31)) == before  # type: ignore[arg-type]
    await _api_reads_the_rebuilt_figures(bus, s)


async def _api_reads_the_rebuilt_figures(bus: Bus, s: Scenario) -> None:
    settings = bus.container.settings.model_copy(update={"run_consumers": False})
    app = create_app(settings)
    token = issue_token(settings, subject="admin", roles=["city_admin"], org_id=None)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://r.test") as http:
            response = await http.get(
                "/api/v1/statistics", params={"org_id": str(s.s1), "period": "2024H1"},
                headers={"Authorization": f"Bearer {token}"},
            )  # fmt: skip
    assert response.status_code == 200, response.text
    stock = response.json()["stock"]
    assert (stock["employers"], stock["workers"], stock["covered_employers"]) == (2, 150, 1)
    assert (stock["coverage_rate"], stock["membership_rate"]) == ("50.0", "1.3")


async def test_the_live_consumer_goes_on_in_the_rebuilt_schema(bus: Bus) -> None:
    s = await _applied_live(bus)
    assert (await _rebuild(bus)).swapped
    admitted = envelope(
        c.MemberAdmitted(org_id=s.ua, occurred_on=date(2024, 12, 20), member_id=uuid4(),
                         employer_id=s.ea1, sex="female", birth_year=1995,
                         is_migrant_worker=True), uuid4(), 1)  # fmt: skip
    await bus.publish(admitted)
    first = await bus.nc.jetstream().get_msg(MEMBERSHIP_CONSUMER.stream, 1)
    assert first.data is not None  # re-sent: a duplicate the rebuilt inbox must recognise
    await bus.publish(CloudEvent.model_validate_json(first.data), msg_id="re-sent")
    assert await bus.drain() == 2
    async with bus.pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM inbox") == len(s.events()) + 1
    year_end = await report(bus, s.a, date(2024, 7, 1), date(2024, 12, 31))
    assert stock_row(year_end)[4] == 3  # two active members before, one admitted now
    assert flow_row(year_end)[1] == 2


async def test_a_rebuild_after_extra_events_still_equals_live(bus: Bus) -> None:
    s = await _applied_live(bus)
    assert (await _rebuild(bus)).swapped
    await bus.publish(envelope(
        c.UnionRenamed(org_id=s.b, occurred_on=date(2024, 11, 1), name="石鼓路社区总工会"), s.b, 3
    ))  # fmt: skip
    await bus.publish(
        envelope(c.UnionDissolved(org_id=s.ua2, occurred_on=date(2024, 12, 1)), s.ua2, 2)
    )
    assert await bus.drain() == 2

    again = await _rebuild(bus)

    assert (again.differences, again.swapped) == ([], True)
    assert again.counts.messages == len(s.events()) + 2
    assert (await report(bus, s.b, date(2024, 7, 1), date(2024, 12, 31))).name == "石鼓路社区总工会"


async def test_a_difference_stops_the_swap_and_keeps_the_live_schema(bus: Bus) -> None:
    s = await _applied_live(bus)
    async with bus.pool.acquire() as conn:  # live read model drifted from its events
        await conn.execute("UPDATE employer_census SET workers = workers + 7 WHERE employer_id = $1",
                           s.eb1)  # fmt: skip
        await refresh_totals(conn)  # and the totals reports read with it
    live_schema = await _schema_oid(bus)

    result = await _rebuild(bus)

    assert not result.swapped
    assert {d.check.org_id for d in result.differences} == {s.city, s.district, s.s1, s.s2, s.b}
    first = result.differences[0]
    assert first.live.stock.workers == first.rebuilt.stock.workers + 7
    assert await _schema_oid(bus) == live_schema
    async with bus.pool.acquire() as conn:
        assert await conn.fetchval(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", SHADOW_SCHEMA
        )


async def test_rebuild_runs_while_the_live_consumer_consumes(bus: Bus) -> None:
    s = await _applied_live(bus)
    extra = [
        envelope(c.MemberAdmitted(org_id=s.ub, occurred_on=date(2024, 12, 1), member_id=uuid4(),
                                  employer_id=s.eb1, sex="male", birth_year=1990,
                                  is_migrant_worker=False), uuid4(), 1)
        for _ in range(40)
    ]  # fmt: skip
    stop = asyncio.Event()
    live = asyncio.create_task(bus.container.membership_consumer(bus.nc.jetstream()).run(stop))
    try:
        publishing = asyncio.create_task(_publish_all(bus, extra))
        result = await _rebuild(bus)
        await publishing
        await _until_live_applied(bus, len(s.events()) + len(extra))
    finally:
        stop.set()
        await live
    assert (result.differences, result.swapped) == ([], True)
    assert stock_row(await report(bus, s.b, date(2024, 7, 1), date(2024, 12, 31)))[4] == 41


async def _publish_all(bus: Bus, events: list[object]) -> None:
    for event in events:
        await bus.publish(event)  # type: ignore[arg-type]
        await asyncio.sleep(0.005)


async def _until_live_applied(bus: Bus, last_seq: int) -> None:
    deadline = asyncio.get_running_loop().time() + 20
    while (await bus.pool.fetchval("SELECT max(last_seq) FROM consumer_tracking") or 0) < last_seq:
        assert asyncio.get_running_loop().time() < deadline, "live consumer did not catch up"
        await asyncio.sleep(0.05)


async def test_the_command_exits_non_zero_on_a_difference(bus: Bus) -> None:
    s = await _applied_live(bus)
    settings: ReportingSettings = bus.container.settings
    env = {**os.environ, "ENVIRONMENT": "test", "DATABASE_URL": settings.database_url,
           "NATS_URL": settings.nats_url}  # fmt: skip
    command = [sys.executable, "-m", "reporting.entrypoints.cli", "rebuild", "--period", "2024H1"]

    agreeing = await _run(command, env)
    assert agreeing[0] == 0, agreeing[1]
    assert "events/s" in agreeing[1]
    assert "已切换" in agreeing[1]

    async with bus.pool.acquire() as conn:
        await conn.execute("DELETE FROM membership_periods WHERE union_id = $1", s.ua)
        await refresh_totals(conn)
    differing = await _run(command, env)
    assert differing[0] == 1, differing[1]
    assert "不一致" in differing[1]


async def test_the_command_says_plainly_when_nothing_listens(nats_url: str) -> None:
    closed_port = free_port()
    env = {**os.environ, "ENVIRONMENT": "test", "NATS_URL": nats_url,
           "DATABASE_URL": f"postgresql://unionhub@127.0.0.1:{closed_port}/unionhub"}  # fmt: skip
    command = [sys.executable, "-m", "reporting.entrypoints.cli", "rebuild"]

    status, output = await _run(command, env)

    assert status == 2, output
    assert "无法连接 PostgreSQL 或 NATS" in output
    assert "make rebuild" in output
    assert "Traceback" not in output


async def _run(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *command, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode()


async def test_readiness_and_metrics_show_the_lag_of_an_idle_consumer(bus: Bus) -> None:
    s = await _applied_live(bus)
    for org, name in ((s.a, "新名一"), (s.b, "新名二"), (s.ua, "新名三")):
        await bus.publish(envelope(c.UnionRenamed(org_id=org, occurred_on=date(2024, 12, 1),
                                                  name=name), org, 5))  # fmt: skip
    settings = bus.container.settings.model_copy(update={"run_consumers": False})
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://r.test") as http:
            ready = (await http.get("/readyz")).json()
            metrics = (await http.get("/metrics")).text
    detail = ready["checks"]["membership_consumer"]["detail"]
    assert (detail["last_applied_sequence"], detail["pending"]) == (len(s.events()), 3)
    consumer = f'{{consumer="{MEMBERSHIP_CONSUMER.durable}"}}'
    assert f"unionhub_consumer_lag{consumer} 3.0" in metrics
    assert f"unionhub_consumer_last_sequence{consumer} {float(len(s.events()))}" in metrics


async def test_a_missing_stream_refuses_the_rebuild_and_keeps_the_live_schema(bus: Bus) -> None:
    await _applied_live(bus)
    before = await _schema_oid(bus)
    await bus.nc.jetstream().delete_stream("ASSISTANCE")
    with pytest.raises(RebuildRefused, match="ASSISTANCE"):
        await _rebuild(bus)
    assert await _schema_oid(bus) == before


async def test_the_log_of_hardship_reads_survives_the_swap(bus: Bus) -> None:
    """No stream can replay who read a timeline: the rebuild carries the log over."""
    await _applied_live(bus)
    member = uuid4()
    async with bus.pool.acquire() as conn:
        await conn.execute(
            "INSERT INTO hardship_reads (subject, roles, member_id, action, entries)"
            " VALUES ('auditor-1', '{auditor}', $1, 'timeline', 3)",
            member,
        )

    assert (await _rebuild(bus)).swapped

    async with bus.pool.acquire() as conn:
        kept = await conn.fetch("SELECT subject, member_id, entries FROM hardship_reads")
        await conn.execute(
            "INSERT INTO hardship_reads (subject, roles, member_id, action, entries)"
            " VALUES ('auditor-2', '{auditor}', $1, 'timeline', 1)",
            member,
        )  # the id sequence goes on after the carried rows
    assert [tuple(row) for row in kept] == [("auditor-1", member, 3)]
