"""``/dashboard/breakdowns``: employers by ownership class and size band, organisations by kind
and mode, committees in office and contracts by signing party, of one organisation and period.

Same sign-in, pickers, roles and scope rule as ``/dashboard``; ``scope=self`` shows 本级 alone.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.auth import Principal
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import breakdowns, employer_breakdown, latest_data
from reporting.adapters.queries.org_names import children_on, name_on
from reporting.domain import employer_breakdown as grouping
from reporting.domain.breakdown_tables import TABLE_NAMES, TableName
from reporting.domain.periods import Period
from reporting.domain.report_table import UNDEFINED_RATE, Cell
from reporting.entrypoints.api.breakdown_exports import breakdown_rows
from reporting.entrypoints.api.statistics import READ_ROLES
from reporting.entrypoints.pages import drill, figures
from reporting.entrypoints.pages.breakdown_views import (
    BreakdownDashboard,
    ChildCounts,
    breakdowns_body,
)
from reporting.entrypoints.pages.choice import Choice
from reporting.entrypoints.pages.routes import _MEMBERSHIP_READERS, bounds, dashboard_page

router = APIRouter(include_in_schema=False)


@router.get("/dashboard/breakdowns")
async def breakdowns_dashboard(
    request: Request,
    org_id: str | None = None,
    period: str | None = None,
    year: int | None = None,
    span: str = "",
    as_of: date | None = None,
    scope: str = "all",
) -> Response:
    """分项统计: the breakdowns as bar charts and tables, 含下级 or 本级, and the children."""
    choice = Choice(org_id, period, year, span, as_of)
    bands = tuple(request.app.state.container.settings.size_bands)
    read = partial(_read, own_only=scope == "self", bands=bands)
    return await dashboard_page(request, choice, READ_ROLES, _MEMBERSHIP_READERS, "分项统计",
                                read, breakdowns_body, latest_data.membership)  # fmt: skip


async def _read(
    conn: Conn, principal: Principal, org_id: UUID, period: str, window: Period, today: date,
    *, own_only: bool, bands: tuple[int, ...],
) -> BreakdownDashboard:  # fmt: skip
    first, stock_date = bounds(window)
    tables: dict[TableName, tuple[tuple[Cell, ...], ...]] = {}
    for name in TABLE_NAMES:
        table: TableName = name  # type: ignore[assignment]
        tables[table] = await breakdown_rows(conn, table, org_id, (first, stock_date), bands,
                                             own_only)  # fmt: skip
    children = [] if own_only else [
        await _child(conn, child, name, (first, stock_date), bands)
        for child, name in await children_on(conn, org_id, stock_date)
    ]  # fmt: skip
    return BreakdownDashboard(
        org_id=org_id, name=await name_on(conn, org_id, stock_date) or str(org_id),
        period=period, window=(first, stock_date), last_day=window.date_to, own_only=own_only,
        picker=await figures.organisation_picker(conn, principal, stock_date), tables=tables,
        children=children, today=today,
        trail=await drill.trail(conn, principal, org_id, stock_date),
        as_of=drill.as_of_of(period, window),
    )  # fmt: skip


async def _child(
    conn: Conn, org_id: UUID, name: str, window: tuple[date, date], bands: tuple[int, ...]
) -> ChildCounts:
    cells = await employer_breakdown.cells(conn, org_id, window[1], bands)
    employers = grouping.total(cells)
    found = await breakdowns.breakdowns(conn, org_id, *window)
    rate = employers.coverage_rate
    in_force = sum(party.contracts for party in found.contracts_in_force.values())
    return ChildCounts(org_id, name, (
        employers.employers, employers.covered_employers,
        UNDEFINED_RATE if rate is None else rate, found.organisations.total,
        found.committees.committees, in_force,
    ))  # fmt: skip
