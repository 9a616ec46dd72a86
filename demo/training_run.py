"""The training part of one demo run: wait until the training service knows the street, detect
an earlier run, else load the year; then check a certificate through the public verification."""

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

from demo.loader import DemoFailed, call
from demo.plan import Plan
from demo.training_loader import TrainingLoader
from demo.training_plan import build_training_plan

REPLICA_TIMEOUT_SECONDS = 120.0
POLL_SECONDS = 0.5
MEMBERSHIP_CONSUMER = "training-membership"


@dataclass
class TrainingSide:
    """The training service's client and the settings its coordinators' tokens are signed with."""

    client: httpx.AsyncClient
    settings: ServiceSettings
    replica_patience_seconds: float = REPLICA_TIMEOUT_SECONDS


@dataclass
class TrainingOutcome:
    """What the training part found or did."""

    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    verified: dict[str, Any] = field(default_factory=dict)

    @property
    def consistent(self) -> bool:
        """A certificate of the demo verifies as genuine through the public endpoint."""
        return not self.created or self.verified.get("genuine") is True


def coordinator(settings: ServiceSettings, street_id: str) -> dict[str, str]:
    """The street's training coordinator (职工服务中心)."""
    token = issue_token(settings, subject="demo-training-coordinator",
                        roles=[Role.TRAINING_COORDINATOR.value], org_id=street_id)  # fmt: skip
    return {"Authorization": f"Bearer {token}"}


async def run_training(
    plan: Plan, street_id: str, side: TrainingSide, membership: httpx.AsyncClient,
    console: Console, *, today: date,
) -> TrainingOutcome:  # fmt: skip
    """Load the year of training unless the street has classes already."""
    headers = coordinator(side.settings, street_id)
    await wait_for_replica(side.client, headers, side.replica_patience_seconds)
    existing = await call(
        side.client, "GET", "/api/v1/classes", params={"limit": 1}, headers=headers
    )
    if existing["total"]:
        return TrainingOutcome(False, {"classes": existing["total"]})
    training = build_training_plan(plan, today)
    columns = (TextColumn("{task.description:<32}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=console) as progress:
        loader = TrainingLoader(training, side.client, membership, headers, street_id, progress)
        counts = await loader.load()
    verified: dict[str, Any] = {}
    if loader.certificate_numbers:
        verified = await call(side.client, "GET", "/api/v1/certificate-verification",
                              params={"number": loader.certificate_numbers[0]})  # fmt: skip
    return TrainingOutcome(True, counts, verified)


async def wait_for_replica(
    client: httpx.AsyncClient, headers: dict[str, str], patience_seconds: float
) -> None:
    """Wait until training knows the street and has applied every membership event published.

    Raises:
        DemoFailed: it has not caught up after ``patience_seconds``.
    """
    deadline = time.monotonic() + patience_seconds
    while not await _caught_up(client, headers):
        if time.monotonic() >= deadline:
            raise DemoFailed(
                f"培训服务在 {patience_seconds:g} 秒内未同步会籍服务的数据，请检查其 /readyz。\n"
                f"The training service has not caught up with membership after {patience_seconds:g} s."
            )
        await asyncio.sleep(POLL_SECONDS)


async def _caught_up(client: httpx.AsyncClient, headers: dict[str, str]) -> bool:
    scope = await client.get("/api/v1/classes", params={"limit": 1}, headers=headers)
    if scope.status_code != 200:
        return False
    checks = (await client.get("/readyz")).json().get("checks", {})
    consumer = checks.get(MEMBERSHIP_CONSUMER, {}).get("detail") or {}
    return consumer.get("pending") == 0 and consumer.get("unacknowledged") == 0


COUNT_LABELS = {
    "classes": "培训班 classes",
    "enrolments": "报名人次 enrolments",
    "certificates": "结业证书 certificates",
    "placements": "实现就业 placements",
}


def print_training(outcome: TrainingOutcome, console: Console, url: str) -> None:
    """What was loaded, and how to look at it."""
    title = "职工培训与就业 training (夫子庙街道)"
    if not outcome.created:
        title += "：演示数据已存在 (already loaded)"
    table = Table(title=title)
    table.add_column("指标 figure")
    table.add_column("数量 count", justify="right")
    for key, value in outcome.counts.items():
        table.add_row(COUNT_LABELS.get(key, key), str(value))
    console.print(table)
    if outcome.verified:
        number = outcome.verified["number"]
        console.print(f"证书查询 certificate check: {url}/verify?number={number} → "
                      f"{outcome.verified['message']}（{outcome.verified.get('holder')}）")  # fmt: skip
