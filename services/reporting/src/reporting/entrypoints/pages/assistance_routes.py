"""``/dashboard/assistance``: the hardship assistance figures of one organisation and period.

Same sign-in, pickers and scope rule as ``/dashboard``; open to the roles that may read the
assistance statistics API (statistics readers, assistance officers, auditors).
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

from reporting.adapters.queries import assistance_statistics, latest_data
from reporting.domain.periods import Period
from reporting.entrypoints.api.assistance_statistics import ASSISTANCE_READ_ROLES
from reporting.entrypoints.api.statistics import ensure_visible
from reporting.entrypoints.pages import drill, figures
from reporting.entrypoints.pages.assistance_charts import MonthAid
from reporting.entrypoints.pages.assistance_views import AssistanceDashboard, assistance_body
from reporting.entrypoints.pages.choice import Choice
from reporting.entrypoints.pages.routes import bounds, dashboard_page

router = APIRouter(include_in_schema=False)
_READERS = "困难职工帮扶统计仅对市总管理员、统计分析员、工会干部、帮扶干事和审计人员开放。"


@router.get("/dashboard/assistance")
async def assistance_dashboard(
    request: Request,
    org_id: str | None = None,
    period: str | None = None,
    year: int | None = None,
    span: str = "",
    as_of: date | None = None,
) -> Response:
    """困难职工帮扶统计: headline cards, aid by month and programme, the children's figures."""
    choice = Choice(org_id, period, year, span, as_of)
    return await dashboard_page(
        request,
        choice,
        ASSISTANCE_READ_ROLES,
        _READERS,
        "困难职工帮扶统计",
        _read,
        assistance_body,
        latest_data.assistance,
    )


async def _read(
    conn: Conn, principal: Principal, org_id: UUID, period: str, window: Period, today: date
) -> AssistanceDashboard:
    first, stock_date = bounds(window)
    return AssistanceDashboard(
        org_id=org_id,
        period=period,
        picker=await figures.organisation_picker(conn, principal, stock_date),
        total=await assistance_statistics.assistance_figures(conn, org_id, first, stock_date),
        children=await assistance_statistics.children_assistance_figures(
            conn, org_id, first, stock_date
        ),
        months=await _months(conn, principal, org_id, window.date_from.year, today),
        today=today,
        own=await assistance_statistics.assistance_figures(
            conn, org_id, first, stock_date, own_only=True
        ),
        trail=await drill.trail(conn, principal, org_id, stock_date),
        as_of=drill.as_of_of(period, window),
    )


async def _months(
    conn: Conn, principal: Principal, org_id: UUID, year: int, today: date
) -> list[MonthAid]:
    """Each month of ``year`` up to ``today``; empty where the organisation was out of scope."""
    paid = await assistance_statistics.monthly_aid(conn, org_id, year)
    months = []
    for month in range(1, 13):
        first = date(year, month, 1)
        if first > today:
            break
        last = date(year, month, calendar.monthrange(year, month)[1])
        try:
            await ensure_visible(conn, principal, org_id, (first, last))
        except Problem:
            months.append(MonthAid(month, None))
            continue
        by_programme = {p: (f.amount_fen, f.payments) for p, f in paid.get(month, {}).items()}
        months.append(MonthAid(month, by_programme))
    return months
