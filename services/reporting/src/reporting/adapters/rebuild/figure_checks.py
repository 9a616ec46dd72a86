"""The figures a rebuild must reproduce: every organisation over a few reporting periods.

Each check reads one organisation's indicators (with its subtree) for one period, stocks as
of the period's end or of today when the period is still running: the membership indicators,
and in checks of their own the hardship assistance, the dispute-mediation and the training and
employment ones. Two schemas agree when every check
gives the same figures in both.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import (
    assistance_statistics,
    dispute_statistics,
    statistics,
    training_statistics,
)
from reporting.domain.assistance_figures import AssistanceFigures
from reporting.domain.dispute_figures import DisputeFigures
from reporting.domain.figures import Indicators
from reporting.domain.periods import Period, parse_period
from reporting.domain.training_figures import TrainingFigures

Figures = Indicators | AssistanceFigures | DisputeFigures | TrainingFigures
_READERS: dict[str, Callable[[Conn, UUID, date, date], Awaitable[Figures]]] = {
    "membership": statistics.indicators,
    "assistance": assistance_statistics.assistance_figures,
    "disputes": dispute_statistics.dispute_figures,
    "training": training_statistics.training_figures,
}
AREAS = tuple(_READERS)
"""The areas of figures compared, each in a check of its own."""


@dataclass(frozen=True)
class FigureCheck:
    """One organisation over one period, for one area of figures."""

    org_id: UUID
    period: Period
    stock_date: date
    area: str = "membership"


@dataclass(frozen=True)
class Difference:
    """A check whose indicators differ between the live and the rebuilt schema."""

    check: FigureCheck
    live: Figures
    rebuilt: Figures


def recent_half_years(today: date, count: int = 4) -> list[Period]:
    """The half-year containing ``today`` and the ``count - 1`` before it, oldest first."""
    half = 1 if today.month <= 6 else 2
    found = []
    for back in range(count):
        index = today.year * 2 + half - 1 - back
        found.append(parse_period(f"{index // 2}H{index % 2 + 1}"))
    return found[::-1]


async def organisations(conn: Conn) -> set[UUID]:
    """Every organisation the schema of ``conn`` has placed in the tree."""
    return {row[0] for row in await conn.fetch("SELECT DISTINCT org_id FROM org_versions")}


def figure_checks(orgs: set[UUID], periods: list[Period], today: date) -> list[FigureCheck]:
    """Every organisation over every period begun by ``today``, in a stable order."""
    return [
        FigureCheck(org, period, period.stock_date(None, today), area)
        for org in sorted(orgs)
        for period in periods
        if period.date_from <= today
        for area in AREAS
    ]


async def read_figures(conn: Conn, checks: list[FigureCheck]) -> list[Figures]:
    """The figures each check reads in the schema of ``conn``."""
    found: list[Figures] = []
    for check in checks:
        read = _READERS[check.area]
        found.append(await read(conn, check.org_id, check.period.date_from, check.stock_date))
    return found


def differences(
    checks: list[FigureCheck], live: list[Figures], rebuilt: list[Figures]
) -> list[Difference]:
    """The checks whose indicators are not equal in both schemas."""
    return [
        Difference(check, live_figures, rebuilt_figures)
        for check, live_figures, rebuilt_figures in zip(checks, live, rebuilt, strict=True)
        if live_figures != rebuilt_figures
    ]
