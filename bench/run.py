"""One bench run, step by step, on a stack of its own (see :mod:`bench.stack`).

Raw baselines first, then the service under load (admissions, roster import, memory at rest
in between), then the relay with the service stopped, then reporting (pipeline, rebuild and
the generated city). A step that fails is recorded and the others still run, so one broken
figure does not hide the rest.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import TypeVar

import asyncpg
import httpx
from membership.config import SCHEMA, MembershipSettings
from shared.auth import issue_token
from shared.devstack import free_port

from bench import baselines
from bench.assistance_api import measure_assistance_api
from bench.assistance_batch import AssistanceBatchResult, measure_assistance_batch
from bench.disputes_api import DisputesApiResult, measure_disputes_api
from bench.floor import measure_floor
from bench.profiling import profiled
from bench.relay import RelayResult, measure_relay
from bench.reporting_steps import ReportingMeasurements, ReportingPlan, measure_reporting
from bench.roster import RosterResult, measure_roster_import, roster_import_available
from bench.server import ServiceFailed, ServiceProcess
from bench.stack import Stack, prepare_membership
from bench.training import TrainingResult, measure_training
from bench.write_api import (
    Seeded,
    WriteApiResult,
    measure_admissions,
    seed_union_and_employer,
)

T = TypeVar("T")
Say = Callable[[str], None]
SETTLE_SECONDS = 1.0
DRAIN_TIMEOUT_SECONDS = 60.0


STEPS = (
    "service", "disputes", "assistance", "relay", "pipeline", "rebuild", "city",
    "assistance_batch", "training",
)  # fmt: skip
"""Steps a run may be limited to (the raw baselines always run); rebuild needs pipeline."""


@dataclass(frozen=True)
class Plan:
    """How much work each step does (sized for about two minutes on two cores)."""

    publish_messages: int = 50_000
    pull_messages: int = 30_000
    insert_rows: int = 8_000
    admissions: int = 8_000
    disputes_cases: int = 3_000
    household_files: int = 3_000
    connections: int = 32
    roster_rows: int = 20_000
    relay_events: int = 20_000
    assistance_households: int = 10_000
    training_enrolments: int = 4_000
    attendance_rows: int = 5_000
    reporting: ReportingPlan = field(default_factory=ReportingPlan)
    only: tuple[str, ...] = ()  # empty: every step

    def runs(self, step: str) -> bool:
        """Whether ``step`` (one of ``STEPS``) is part of this run."""
        return not self.only or step in self.only or (step == "pipeline" and "rebuild" in self.only)


@dataclass
class Measurements:
    """What the run measured; a step absent from its field failed or was not available."""

    baselines: dict[str, float] = field(default_factory=dict)
    write_api: WriteApiResult | None = None
    framework_floor: WriteApiResult | None = None
    write_api_keyed: WriteApiResult | None = None
    disputes_api: DisputesApiResult | None = None
    household_filing: WriteApiResult | None = None
    payment_disbursement: WriteApiResult | None = None
    rss_bytes: dict[str, int] = field(default_factory=dict)
    roster: RosterResult | None = None
    relay: RelayResult | None = None
    assistance_batch: AssistanceBatchResult | None = None
    training: TrainingResult | None = None
    reporting: ReportingMeasurements = field(default_factory=ReportingMeasurements)
    notes: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _describe(error: Exception) -> str:
    first_line = next(iter(str(error).splitlines()), "")
    return f"{type(error).__name__}: {first_line}"


async def _step(m: Measurements, key: str, say: Say, work: Awaitable[T]) -> T | None:
    try:
        return await work
    except Exception as error:
        m.errors[key] = _describe(error)
        say(f"  ✗ {key} failed: {error}")
        return None


async def measure_everything(stack: Stack, plan: Plan, say: Say) -> Measurements:
    """Run every step against ``stack`` and return what was measured."""
    m = Measurements()
    say("migrating the membership schema and provisioning its streams")
    await prepare_membership(stack)
    await _measure_baselines(stack, plan, m, say)
    if plan.runs("service"):
        await _measure_service(stack, plan, m, say)
    if plan.runs("disputes"):
        say(f"disputes API: {plan.disputes_cases:,} cases registered, then accepted")
        m.disputes_api = await _step(
            m,
            "disputes_api",
            say,
            measure_disputes_api(
                stack,
                service_env(stack),
                _admin_headers(stack),
                plan.disputes_cases,
                plan.connections,
            ),
        )
    if plan.runs("assistance"):
        say(f"assistance API: {plan.household_files:,} households filed, then paid")
        assistance = await _step(
            m,
            "household_filing",
            say,
            measure_assistance_api(
                stack,
                service_env(stack),
                _admin_headers(stack),
                plan.household_files,
                plan.connections,
            ),
        )
        if assistance is not None:
            m.household_filing = assistance.filing
            m.payment_disbursement = assistance.disbursement
    if plan.runs("relay"):
        say(f"outbox relay: {plan.relay_events:,} rows, service stopped")
        m.relay = await _step(
            m, "relay", say, measure_relay(stack.dsn, stack.nats_url, plan.relay_events)
        )
    steps = {step for step in ("pipeline", "rebuild", "city") if plan.runs(step)}
    m.reporting = await measure_reporting(stack, service_env(stack), plan.reporting, say, steps)
    m.errors.update(m.reporting.errors)
    if plan.runs("assistance_batch"):
        say(f"assistance: festival payment batch of {plan.assistance_households:,} households")
        m.assistance_batch = await _step(
            m,
            "assistance_batch",
            say,
            measure_assistance_batch(stack, plan.assistance_households),
        )
    if plan.runs("training"):
        say(f"training: {plan.training_enrolments:,} enrolments, a {plan.attendance_rows:,}-row "
            "sign-in sheet")  # fmt: skip
        work = measure_training(
            stack.root, stack.dsn, service_env(stack), plan.training_enrolments,
            plan.attendance_rows, plan.connections,
        )  # fmt: skip
        m.training = await _step(m, "training", say, work)
    return m


async def _measure_baselines(stack: Stack, plan: Plan, m: Measurements, say: Say) -> None:
    say("raw baselines: NATS publish, NATS pull+ack, PostgreSQL single insert")
    m.baselines["nats_publish"] = await baselines.nats_async_publish(
        stack.nats_url, plan.publish_messages
    )
    m.baselines["nats_pull_ack"] = await baselines.nats_pull_ack(stack.nats_url, plan.pull_messages)
    m.baselines["pg_insert"] = await baselines.postgres_single_insert(stack.dsn, plan.insert_rows)


def service_env(stack: Stack) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": stack.dsn,
        "NATS_URL": stack.nats_url,
        "ENVIRONMENT": "dev",
    }


def _admin_headers(stack: Stack) -> dict[str, str]:
    """A city administrator's development token, signed as the service will verify it."""
    settings = MembershipSettings(
        environment="dev", database_url=stack.dsn, nats_url=stack.nats_url
    )
    token = issue_token(settings, subject="bench-admin", roles=["city_admin"], org_id=None)
    return {"Authorization": f"Bearer {token}"}


async def _measure_floor(stack: Stack, plan: Plan, m: Measurements, say: Say) -> None:
    say(f"framework floor: {plan.admissions:,} bare FastAPI inserts over {plan.connections} "
        "connections")  # fmt: skip
    work = measure_floor(service_env(stack), stack.root / "floor.log", free_port(),
                         plan.admissions, plan.connections)  # fmt: skip
    m.framework_floor = await _step(m, "framework_floor", say, work)


async def _measure_service(stack: Stack, plan: Plan, m: Measurements, say: Say) -> None:
    await _measure_floor(stack, plan, m, say)
    service = ServiceProcess(free_port(), service_env(stack), stack.root / "membership.log")
    say("starting `membership serve --no-relay` (one worker) and `membership relay`")
    try:
        headers = _admin_headers(stack)
        await asyncio.to_thread(service.start)
        m.rss_bytes["idle"] = await _rss_at_rest(service, stack.dsn)
        seeded = await seed_union_and_employer(service.base_url, headers)
        say(f"write API: {plan.admissions:,} admissions over {plan.connections} connections")
        m.write_api = await _step(
            m,
            "write_api",
            say,
            measure_admissions(service, seeded, headers, plan.admissions, plan.connections),
        )
        say(f"write API: {plan.admissions:,} admissions, each with an Idempotency-Key")
        m.write_api_keyed = await _step(
            m,
            "write_api_keyed",
            say,
            measure_admissions(
                service, seeded, headers, plan.admissions, plan.connections, keyed=True
            ),
        )
        m.rss_bytes["after_write_api"] = await _rss_at_rest(service, stack.dsn)
        await _measure_roster(service, seeded, headers, plan, m, say)
    except Exception as error:
        m.errors["service"] = _describe(error)
        log = "" if isinstance(error, ServiceFailed) else f"\n{service.log_tail()}"
        say(f"  ✗ service failed: {error}{log}")
    finally:
        await asyncio.to_thread(service.stop)


async def _measure_roster(
    service: ServiceProcess,
    seeded: Seeded,
    headers: dict[str, str],
    plan: Plan,
    m: Measurements,
    say: Say,
) -> None:
    async with httpx.AsyncClient(base_url=service.base_url, headers=headers, timeout=60) as client:
        if not await roster_import_available(client):
            m.notes["roster"] = (
                "POST /api/v1/roster-imports is not in the service yet: not measured"
            )
            say(f"  – {m.notes['roster']}")
            return
        say(f"roster import: {plan.roster_rows:,}-row CSV, upload → completed")
        cpu_before = service.cpu_seconds()
        async with profiled(service.pid, "roster_import"):
            m.roster = await _step(
                m, "roster", say, measure_roster_import(client, seeded, plan.roster_rows)
            )
        if m.roster is not None:
            cpu = (service.cpu_seconds() - cpu_before) * 1e6 / max(m.roster.rows, 1)
            m.roster = replace(m.roster, server_cpu_us_per_row=cpu)
    m.rss_bytes["after_roster"] = await _rss_at_rest(service, service.env["DATABASE_URL"])


async def _rss_at_rest(service: ServiceProcess, dsn: str) -> int:
    """The service's RSS once its relay has published everything and it sits idle."""
    await wait_for_outbox_drained(dsn)
    await asyncio.sleep(SETTLE_SECONDS)
    return service.rss_bytes()


async def wait_for_outbox_drained(dsn: str, limit_seconds: float = DRAIN_TIMEOUT_SECONDS) -> None:
    """Block until no outbox row of the service waits for publishing.

    Raises:
        TimeoutError: rows were still waiting after ``limit_seconds``.
    """
    conn = await asyncpg.connect(dsn)
    try:
        deadline = time.monotonic() + limit_seconds
        while await conn.fetchval(
            f'SELECT count(*) FROM "{SCHEMA}".outbox WHERE published_at IS NULL'
        ):
            if time.monotonic() > deadline:
                raise TimeoutError(f"outbox not drained after {limit_seconds:.0f}s")
            await asyncio.sleep(0.1)
    finally:
        await conn.close()
