"""``/dashboard/training``: the training and employment figures of one organisation and period.

Same sign-in, pickers and scope rule as ``/dashboard``; open to the roles that may read the
training statistics API (statistics readers, training coordinators, auditors).
"""

from __future__ import annotations

import calendar
from datetime import date
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.auth import Principal
from shared.http.problems import Problem
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import latest_data, training_statistics
from reporting.domain.periods import Period
from reporting.entrypoints.api.statistics import ensure_visible
from reporting.entrypoints.api.training_statistics import TRAINING_READ_ROLES
from reporting.entrypoints.pages import drill, figures
from reporting.entrypoints.pages.choice import Choice
from reporting.entrypoints.pages.routes import bounds, dashboard_page
from reporting.entrypoints.pages.training_charts import MonthTraining
from reporting.entrypoints.pages.training_views import TrainingDashboard, training_body

router = APIRouter(include_in_schema=False)
_READERS = "职工培训与就业统计仅对市总管理员、统计分析员、工会干部、培训专干和审计人员开放。"


@router.get("/dashboard/training")
async def training_dashboard(
    request: Request,
    org_id: str | None = None,
    period: str | None = None,
    year: int | None = None,
    span: str = "",
    as_of: date | None = None,
) -> Response:
    """职工培训与就业统计: headline cards, each month's figures, classes by kind, children."""
    choice = Choice(org_id, period, year, span, as_of)
    return await dashboard_page(
        request,
        choice,
        TRAINING_READ_ROLES,
        _READERS,
        "职工培训与就业统计",
        _read,
        training_body,
        latest_data.training,
    )


async def _read(
    conn: Conn, principal: Principal, org_id: UUID, period: str, window: Period, today: date
) -> TrainingDashboard:
    first, stock_date = bounds(window)
    return TrainingDashboard(
        org_id=org_id,
        period=period,
        picker=await figures.organisation_picker(conn, principal, stock_date),
        total=await training_statistics.training_figures(conn, org_id, first, stock_date),
        children=await training_statistics.children_training_figures(
            conn, org_id, first, stock_date
        ),
        months=await _months(conn, principal, org_id, window.date_from.year, today),
        today=today,
        own=await training_statistics.training_figures(
            conn, org_id, first, stock_date, own_only=True
        ),
        trail=await drill.trail(conn, principal, org_id, stock_date),
        as_of=drill.as_of_of(period, window),
    )


async def _months(
    conn: Conn, principal: Principal, org_id: UUID, year: int, today: date
) -> list[MonthTraining]:
    """Each month of ``year`` up to ``today``, as the API reads that month; empty where the
    organisation was out of the caller's scope."""
    months = []
    for month in range(1, 13):
        first = date(year, month, 1)
        if first > today:
            break
        last = date(year, month, calendar.monthrange(year, month)[1])
        try:
            await ensure_visible(conn, principal, org_id, (first, last))
        except Problem:
            months.append(MonthTraining(month, None, None))
            continue
        found = await training_statistics.training_figures(conn, org_id, first, last)
        months.append(MonthTraining(month, found.courses.trainees, found.employment.placements))
    return months
