"""``/dashboard/disputes``: the labour-dispute mediation figures of one organisation and period.

Same sign-in, pickers and scope rule as ``/dashboard``; open to the roles that may read the
mediation statistics API (statistics readers, mediators, auditors).
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

from reporting.adapters.queries import dispute_statistics, latest_data
from reporting.domain.periods import Period
from reporting.entrypoints.api.dispute_statistics import DISPUTE_READ_ROLES
from reporting.entrypoints.api.statistics import ensure_visible
from reporting.entrypoints.pages import drill, figures
from reporting.entrypoints.pages.choice import Choice
from reporting.entrypoints.pages.dispute_charts import MonthCases
from reporting.entrypoints.pages.dispute_views import DISPUTES_PAGE, DisputeDashboard, dispute_body
from reporting.entrypoints.pages.routes import bounds, dashboard_page

router = APIRouter(include_in_schema=False)
_READERS = "劳动争议调解统计仅对市总管理员、统计分析员、工会干部、调解员和审计人员开放。"


@router.get(DISPUTES_PAGE)
async def disputes_dashboard(
    request: Request,
    org_id: str | None = None,
    period: str | None = None,
    year: int | None = None,
    span: str = "",
    as_of: date | None = None,
) -> Response:
    """劳动争议调解统计: headline cards, cases by month and category, the children's figures."""
    choice = Choice(org_id, period, year, span, as_of)
    return await dashboard_page(
        request,
        choice,
        DISPUTE_READ_ROLES,
        _READERS,
        "劳动争议调解统计",
        _read,
        dispute_body,
        latest_data.disputes,
    )


async def _read(
    conn: Conn, principal: Principal, org_id: UUID, period: str, window: Period, today: date
) -> DisputeDashboard:
    first, stock_date = bounds(window)
    return DisputeDashboard(
        org_id=org_id,
        period=period,
        picker=await figures.organisation_picker(conn, principal, stock_date),
        total=await dispute_statistics.dispute_figures(conn, org_id, first, stock_date),
        children=await dispute_statistics.children_dispute_figures(conn, org_id, first, stock_date),
        months=await _months(conn, principal, org_id, window.date_from.year, today),
        today=today,
        own=await dispute_statistics.dispute_figures(
            conn, org_id, first, stock_date, own_only=True
        ),
        trail=await drill.trail(conn, principal, org_id, stock_date),
        as_of=drill.as_of_of(period, window),
    )


async def _months(
    conn: Conn, principal: Principal, org_id: UUID, year: int, today: date
) -> list[MonthCases]:
    """Each month of ``year`` up to ``today``; empty where the organisation was out of scope."""
    counted = await dispute_statistics.monthly_cases(conn, org_id, year)
    months = []
    for month in range(1, 13):
        first = date(year, month, 1)
        if first > today:
            break
        last = date(year, month, calendar.monthrange(year, month)[1])
        try:
            await ensure_visible(conn, principal, org_id, (first, last))
        except Problem:
            months.append(MonthCases(month, None))
            continue
        months.append(MonthCases(month, counted.get(month, {})))
    return months
