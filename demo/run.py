"""One demo run: detect an existing demo, else load it and wait for the reporting figures."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from shared.identifiers import today_in_china

from demo import names
from demo.assistance_run import AssistanceOutcome, AssistanceSide, run_assistance
from demo.disputes_run import DisputesOutcome, DisputesSide, run_disputes
from demo.expected import expected_figures, reported_subset
from demo.generate import build_plan
from demo.loader import Loader, call, find_organisation
from demo.plan import PERIOD, Plan, Size
from demo.training_run import TrainingOutcome, TrainingSide, run_training

REPORTING_TIMEOUT_SECONDS = 120.0
REPORTING_POLL_SECONDS = 0.5


@dataclass
class Outcome:
    """What the run found or did, and the street's figures as planned and as reported."""

    created: bool
    street_id: str
    expected: dict[str, Any] = field(default_factory=dict)
    reported: dict[str, Any] = field(default_factory=dict)
    statistics: dict[str, Any] = field(default_factory=dict)
    assistance: AssistanceOutcome | None = None
    training: TrainingOutcome | None = None
    disputes: DisputesOutcome | None = None

    @property
    def consistent(self) -> bool:
        return self.expected == self.reported

    @property
    def succeeded(self) -> bool:
        """Whatever was loaded now shows in reporting exactly as planned."""
        membership_ok = not self.created or self.consistent
        assistance = self.assistance
        disputes_ok = self.disputes is None or self.disputes.consistent
        training_ok = self.training is None or self.training.consistent
        assistance_ok = assistance is None or not assistance.created or assistance.consistent
        return disputes_ok and training_ok and membership_ok and assistance_ok


async def existing_street(membership: httpx.AsyncClient) -> str | None:
    """The id of the demo's street federation when an earlier run created it."""
    street = await find_organisation(membership, "street_federation", names.STREET)
    return None if street is None else str(street["id"])


async def run_demo(
    size: Size,
    membership: httpx.AsyncClient,
    reporting: httpx.AsyncClient,
    console: Console,
    *,
    patience_seconds: float = REPORTING_TIMEOUT_SECONDS,
    assistance: AssistanceSide | None = None,
    training: TrainingSide | None = None,
    disputes: DisputesSide | None = None,
    today: date | None = None,
) -> Outcome:
    """Load the demo unless it exists; either way fetch the street's statistics for the period.

    With ``assistance``, the year of hardship assistance up to ``today`` follows (unless it
    exists too), on the same plan's members; with ``training``, the year of classes, a job fair
    and placements.
    """
    plan = build_plan(size)
    outcome = await _membership_part(plan, membership, reporting, console, patience_seconds)
    if assistance is not None:
        outcome.assistance = await run_assistance(
            plan, outcome.street_id, assistance, membership, reporting, console,
            today=today or today_in_china(), patience_seconds=patience_seconds,
        )  # fmt: skip
    if training is not None:
        outcome.training = await run_training(
            plan, outcome.street_id, training, membership, console,
            today=today or today_in_china(),
        )  # fmt: skip
    if disputes is not None:
        outcome.disputes = await run_disputes(
            plan, outcome.street_id, disputes, membership, console, today=today or today_in_china()
        )
    return outcome


async def _membership_part(
    plan: Plan,
    membership: httpx.AsyncClient,
    reporting: httpx.AsyncClient,
    console: Console,
    patience_seconds: float,
) -> Outcome:
    street_id = await existing_street(membership)
    if street_id is not None:
        statistics = await fetch_statistics(reporting, street_id)
        return Outcome(created=False, street_id=street_id, statistics=statistics or {})
    columns = (
        TextColumn("{task.description:<32}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        ids = await Loader(plan, membership, progress).load()
    expected = expected_figures(plan)
    statistics = await wait_for_figures(reporting, ids["street"], expected, patience_seconds)
    reported = reported_subset(statistics) if statistics else {}
    return Outcome(True, ids["street"], expected, reported, statistics or {})


async def fetch_statistics(reporting: httpx.AsyncClient, org_id: str) -> dict[str, Any] | None:
    """The street's indicators for the period, or ``None`` while reporting does not know it."""
    response = await reporting.get(
        "/api/v1/statistics", params={"org_id": org_id, "period": PERIOD}
    )
    if response.status_code == 404:
        return None
    result: dict[str, Any] = await call(
        reporting, "GET", "/api/v1/statistics", params={"org_id": org_id, "period": PERIOD}
    )
    return result


async def wait_for_figures(
    reporting: httpx.AsyncClient, org_id: str, expected: dict[str, Any], patience_seconds: float
) -> dict[str, Any] | None:
    """Poll until the reporting figures reach the planned ones (events arrive asynchronously).

    Returns the last answer, matching or not once ``patience_seconds`` have passed.
    """
    deadline = time.monotonic() + patience_seconds
    while True:
        statistics = await fetch_statistics(reporting, org_id)
        if statistics is not None and reported_subset(statistics) == expected:
            return statistics
        if time.monotonic() >= deadline:
            return statistics
        await asyncio.sleep(REPORTING_POLL_SECONDS)
