"""The disputes part of one demo run: wait until the disputes service knows the street and has
caught up with membership, detect an earlier run, else load the year of mediation work; then
compare the street's case counts with the plan and verify every case's history chain."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from shared.auth import Role, issue_token
from shared.settings import ServiceSettings

from demo import names
from demo.assistance_loader import each
from demo.assistance_report import yuan
from demo.disputes_generate import build_disputes_plan, expected_disputes
from demo.disputes_loader import DisputesLoader
from demo.loader import DemoFailed, call, find_organisation
from demo.plan import Plan

REPLICA_TIMEOUT_SECONDS = 120.0
POLL_SECONDS = 0.5
MEMBERSHIP_CONSUMER = "disputes-membership"


@dataclass
class DisputesSide:
    """The disputes service's client and the settings its mediators' tokens are signed with."""

    client: httpx.AsyncClient
    settings: ServiceSettings
    replica_patience_seconds: float = REPLICA_TIMEOUT_SECONDS


@dataclass
class DisputesOutcome:
    created: bool
    expected: dict[str, int] = field(default_factory=dict)
    reported: dict[str, int] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    verification: dict[str, Any] = field(default_factory=dict)

    @property
    def consistent(self) -> bool:
        intact = bool(self.verification.get("intact"))
        return intact and (not self.created or self.expected == self.reported)


def _headers(settings: ServiceSettings, role: Role, org_id: str | None) -> dict[str, str]:
    token = issue_token(settings, subject=f"demo-{role.value}", roles=[role.value], org_id=org_id)
    return {"Authorization": f"Bearer {token}"}


async def _caught_up(client: httpx.AsyncClient, mediator: dict[str, str]) -> bool:
    # A mediator of the street is refused (403) until the street is in the replica.
    scope = await client.get("/api/v1/cases", params={"limit": 1}, headers=mediator)
    if scope.status_code != 200:
        return False
    checks = (await client.get("/readyz")).json().get("checks", {})
    consumer = checks.get(MEMBERSHIP_CONSUMER, {}).get("detail") or {}
    return consumer.get("pending") == 0 and consumer.get("unacknowledged") == 0


async def _wait_for_replica(side: DisputesSide, mediator: dict[str, str]) -> None:
    deadline = time.monotonic() + side.replica_patience_seconds
    while not await _caught_up(side.client, mediator):
        if time.monotonic() >= deadline:
            raise DemoFailed("调解服务未同步会籍服务的组织和单位数据 (the disputes service has "
                             "not caught up with membership's events: check its /readyz)")  # fmt: skip
        await asyncio.sleep(POLL_SECONDS)


async def _resolve(plan: Plan, membership: httpx.AsyncClient, street_id: str, progress: Progress,
                   dplan: Any) -> dict[str, str]:  # fmt: skip
    """Real ids of the street, its communities, the cases' employers and member applicants."""
    ids = {"street": street_id}
    for name in names.COMMUNITIES:
        found = await find_organisation(membership, "community_federation", name, street_id)
        if found:
            ids[name] = str(found["id"])
    employers = {c.employer.key: c.employer for c in dplan.cases}
    members = {a.member.index: a.member for c in dplan.cases for a in c.applicants if a.member}

    async def employer(key: str) -> None:
        page = await call(membership, "GET", "/api/v1/employers",
                          params={"uscc": employers[key].uscc})  # fmt: skip
        ids[f"employer:{key}"] = page["items"][0]["id"]

    async def member(index: int) -> None:
        page = await call(membership, "GET", "/api/v1/members",
                          params={"id_number": members[index].id_number, "status": "active"})  # fmt: skip
        if page["total"] == 1:
            ids[f"member:{index}"] = page["items"][0]["id"]

    await each(progress, "查找单位 look up employers", list(employers), employer)
    await each(progress, "查找会员 look up members", list(members), member)
    return ids


async def run_disputes(plan: Plan, street_id: str, side: DisputesSide,
                       membership: httpx.AsyncClient, console: Console, *, today: date
                       ) -> DisputesOutcome:  # fmt: skip
    """Load the year of mediation unless the street has mediation organisations already."""
    mediator = _headers(side.settings, Role.MEDIATOR, street_id)
    await _wait_for_replica(side, mediator)
    existing = await call(side.client, "GET", "/api/v1/mediation-orgs", headers=mediator)
    created, expected = not existing["total"], {}
    if created:
        dplan = build_disputes_plan(plan, today)
        columns = (TextColumn("{task.description:<32}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())  # fmt: skip
        with Progress(*columns, console=console) as progress:
            ids = await _resolve(plan, membership, street_id, progress, dplan)
            await DisputesLoader(dplan, side.client, side.settings, ids, progress).load()
        expected = expected_disputes(dplan)
    summary = await call(side.client, "GET", "/api/v1/cases/summary", headers=mediator)
    auditor = _headers(side.settings, Role.AUDITOR, street_id)
    verification = await call(side.client, "GET", "/api/v1/audit/history-verification",
                              headers=auditor)  # fmt: skip
    reported = {k: int(summary[k]) for k in expected}
    return DisputesOutcome(created, expected, reported, summary, verification)


SUMMARY_LABELS = {
    "total": "案件总数 cases",
    "open": "在办 open",
    "overdue": "逾期 overdue",
    "due_soon": "即将到期 due soon",
    "settled": "调解成功 settled",
    "closed": "办结 closed",
    "referred": "转仲裁或诉讼 referred",
    "claimed_fen": "涉案金额（元） claimed",
    "agreed_fen": "协议金额（元） agreed",
    "recovered_fen": "追回金额（元） recovered",
}
"""The case summary's figures as the table names them; amounts are in fen."""


def _shown(key: str, value: object) -> str:
    return yuan(value) if key.endswith("_fen") and isinstance(value, int) else str(value)


def print_disputes(outcome: DisputesOutcome, console: Console, url: str) -> None:
    """The street's mediation year as the dashboard counts it, and the chains' verification."""
    table = Table(title="劳动争议调解 labour-dispute mediation (夫子庙街道)")
    table.add_column("指标 figure")
    table.add_column("计划 planned", justify="right")
    table.add_column("服务 reported", justify="right")
    for key, value in outcome.summary.items():
        planned = _shown(key, outcome.expected.get(key, ""))
        table.add_row(SUMMARY_LABELS.get(key, key), planned, _shown(key, value))
    console.print(table)
    v = outcome.verification
    verdict = "完整 intact ✓" if v.get("intact") else f"被篡改 broken ✗ {v.get('broken')}"
    console.print(f"案件历史哈希链 {v.get('cases_checked')} 件: {verdict}")
    console.print(f"调解服务 {url}/docs; 到期与逾期案件: {url}/api/v1/cases/deadlines")
