"""The assistance part of one demo run: wait until the assistance service knows the street,
detect an earlier run, else load the year and wait until reporting's figures equal the plan."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from shared.settings import ServiceSettings

from demo.assistance_access import Officers
from demo.assistance_expected import expected_assistance, reported_assistance
from demo.assistance_generate import build_assistance_plan
from demo.assistance_loader import AssistanceLoader
from demo.loader import DemoFailed, call
from demo.plan import Plan

REPLICA_TIMEOUT_SECONDS = 120.0
REPORTING_TIMEOUT_SECONDS = 120.0
POLL_SECONDS = 0.5
MEMBERSHIP_CONSUMER = "assistance-membership"
"""The assistance service's durable consumer of membership events, as its ``/readyz`` names it."""
STATISTICS_PATH = "/api/v1/statistics/assistance"


@dataclass
class AssistanceSide:
    """The assistance service's client and the settings its officers' tokens are signed with."""

    client: httpx.AsyncClient
    settings: ServiceSettings
    replica_patience_seconds: float = REPLICA_TIMEOUT_SECONDS


@dataclass
class AssistanceOutcome:
    """What the assistance part found or did, and the street's figures as planned and reported."""

    created: bool
    street_id: str
    period: str
    as_of: date
    expected: dict[str, Any] = field(default_factory=dict)
    reported: dict[str, Any] = field(default_factory=dict)
    statistics: dict[str, Any] = field(default_factory=dict)

    @property
    def consistent(self) -> bool:
        return self.expected == self.reported


async def run_assistance(
    plan: Plan,
    street_id: str,
    side: AssistanceSide,
    membership: httpx.AsyncClient,
    reporting: httpx.AsyncClient,
    console: Console,
    *,
    today: date,
    patience_seconds: float = REPORTING_TIMEOUT_SECONDS,
) -> AssistanceOutcome:
    """Load the year of assistance unless the street's budgets exist; then read the figures."""
    officers = Officers(side.settings, street_id)
    await wait_for_replica(side.client, officers, side.replica_patience_seconds)
    period = str(today.year)
    if await has_budgets(side.client, officers, today.year):
        found = await fetch_assistance(reporting, street_id, period, today)
        return AssistanceOutcome(False, street_id, period, today, statistics=found or {})
    assist = build_assistance_plan(plan, today)
    columns = (TextColumn("{task.description:<32}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=console) as progress:
        await AssistanceLoader(assist, side.client, membership, officers, progress).load()
    expected = expected_assistance(assist)
    found = await wait_for_assistance(reporting, street_id, period, today, expected,
                                      patience_seconds)  # fmt: skip
    reported = reported_assistance(found) if found else {}
    return AssistanceOutcome(True, street_id, period, today, expected, reported, found or {})


async def wait_for_replica(
    client: httpx.AsyncClient, officers: Officers, patience_seconds: float
) -> None:
    """Wait until assistance knows the street and has applied every membership event published.

    Raises:
        DemoFailed: it has not caught up after ``patience_seconds``.
    """
    deadline = time.monotonic() + patience_seconds
    while not await _caught_up(client, officers):
        if time.monotonic() >= deadline:
            raise DemoFailed(
                f"帮扶服务在 {patience_seconds:g} 秒内未同步会籍服务的组织和会员数据，"
                "请检查其 /readyz 与会籍服务的事件中继。\n"
                "The assistance service has not caught up with membership's events "
                f"after {patience_seconds:g} s: check its /readyz and membership's outbox relay."
            )
        await asyncio.sleep(POLL_SECONDS)


async def _caught_up(client: httpx.AsyncClient, officers: Officers) -> bool:
    # An officer of the street is refused (403) until the street is in the replica.
    scope = await client.get("/api/v1/budgets", params={"limit": 1}, headers=officers.street)
    if scope.status_code != 200:
        return False
    checks = (await client.get("/readyz")).json().get("checks", {})
    consumer = checks.get(MEMBERSHIP_CONSUMER, {}).get("detail") or {}
    return consumer.get("pending") == 0 and consumer.get("unacknowledged") == 0


async def has_budgets(client: httpx.AsyncClient, officers: Officers, year: int) -> bool:
    """Whether an earlier run gave the street its budgets for ``year`` (the demo exists)."""
    params = {"org_id": officers.street_id, "year": year, "limit": 1}
    page = await call(client, "GET", "/api/v1/budgets", params=params, headers=officers.street)
    return bool(page["total"])


async def fetch_assistance(
    reporting: httpx.AsyncClient, org_id: str, period: str, as_of: date
) -> dict[str, Any] | None:
    """The street's assistance figures, or ``None`` while reporting does not know the street."""
    params = {"org_id": org_id, "period": period, "as_of": str(as_of)}
    response = await reporting.get(STATISTICS_PATH, params=params)
    if response.status_code == 404:
        return None
    if response.status_code >= 400:
        raise DemoFailed(f"GET {STATISTICS_PATH} → {response.status_code}: {response.text[:500]}")
    result: dict[str, Any] = response.json()
    return result


async def wait_for_assistance(
    reporting: httpx.AsyncClient,
    org_id: str,
    period: str,
    as_of: date,
    expected: dict[str, Any],
    patience_seconds: float,
) -> dict[str, Any] | None:
    """Poll until reporting's figures reach the planned ones; the last answer either way."""
    deadline = time.monotonic() + patience_seconds
    while True:
        found = await fetch_assistance(reporting, org_id, period, as_of)
        if found is not None and reported_assistance(found) == expected:
            return found
        if time.monotonic() >= deadline:
            return found
        await asyncio.sleep(POLL_SECONDS)
