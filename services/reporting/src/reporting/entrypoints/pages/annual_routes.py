"""``/dashboard/annual-report``: the annual report's tables in their layout, and
``/dashboard/annual-report/{table}/cells/{cell}``: the facts one count or sum cell counts.

Same sign-in and organisation picker as the other dashboards. Tables, figures, facts, the
audience of each table and the scope rule (403 outside the caller's subtree) are the annual
report API's own (``entrypoints/api/annual_report.py``): the page computes nothing itself.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from shared.auth import Principal
from shared.http.problems import Problem
from shared.identifiers import today_in_china
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import annual_facts
from reporting.adapters.queries.org_names import children_on, name_on
from reporting.bootstrap import Container
from reporting.domain.annual_report import AnnualCell, AnnualTable
from reporting.entrypoints.api.annual_report import ANNUAL_READ_ROLES, readable_table
from reporting.entrypoints.pages import annual_reading as reading
from reporting.entrypoints.pages import drill, figures
from reporting.entrypoints.pages.annual_cell_views import CellView, cell_body
from reporting.entrypoints.pages.annual_reading import ANNUAL_PAGE, Asked
from reporting.entrypoints.pages.annual_views import AnnualView, annual_body
from reporting.entrypoints.pages.layout import message_page, page
from reporting.entrypoints.pages.routes import caller

router = APIRouter(include_in_schema=False)
_READERS = "工会统计年报仅对可查看会籍、帮扶、调解或培训统计的角色开放。"
FACTS_PER_PAGE = 50


@router.get(ANNUAL_PAGE)
async def annual_report_page(
    request: Request,
    org_id: str | None = None,
    year: int | None = None,
    as_of: date | None = None,
    period: str | None = None,
) -> Response:
    """年报: each table the caller may read, in its layout, for an organisation, year and 截至日."""
    principal = caller(request, ANNUAL_READ_ROLES, _READERS)
    if isinstance(principal, Response):
        return principal
    today = today_in_china()
    try:
        wanted = reading.asked(org_id, year, as_of, period, today)
    except ValueError as error:
        return message_page(422, "请求参数无效", str(error), who=principal.title)
    container: Container = request.app.state.container
    bands = tuple(container.settings.size_bands)
    async with container.pool.acquire() as conn:
        shown = await reading.shown(conn, principal, wanted)
        if isinstance(shown, Response):
            return shown
        target, name = shown
        tables = [await reading.filled(conn, table, target, wanted.window, bands)
                  for table in reading.readable(principal, bands)]  # fmt: skip
        view = AnnualView(
            target, name, wanted, await figures.organisation_picker(conn, principal, wanted.window[1]),
            await drill.trail(conn, principal, target, wanted.window[1]), tables, today,
            await children_on(conn, target, wanted.window[1]),
        )  # fmt: skip
    return page("工会统计年报", annual_body(view), who=principal.title)


@router.get(ANNUAL_PAGE + "/{table}/cells/{cell}")
async def annual_cell_page(
    request: Request,
    table: str,
    cell: str,
    org_id: str | None = None,
    year: int | None = None,
    as_of: date | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = FACTS_PER_PAGE,
    cursor: UUID | None = None,
) -> Response:
    """年报单元格明细: the facts one count or sum cell counts, a page at a time."""
    principal = caller(request, ANNUAL_READ_ROLES, _READERS)
    if isinstance(principal, Response):
        return principal
    container: Container = request.app.state.container
    bands = tuple(container.settings.size_bands)
    try:
        wanted = reading.asked(org_id, year, as_of, None, today_in_china())
    except ValueError as error:
        return message_page(422, "请求参数无效", str(error), who=principal.title)
    chosen = _chosen(principal, table, cell, bands)
    if isinstance(chosen, Response):
        return chosen
    async with container.pool.acquire() as conn:
        shown = await reading.shown(conn, principal, wanted)
        if isinstance(shown, Response):
            return shown
        view = await _cell_view(conn, shown, wanted, chosen, (cursor, limit), bands)
    return page("年报单元格明细", cell_body(view), who=principal.title)


def _chosen(
    principal: Principal, code: str, key: str, bands: tuple[int, ...]
) -> tuple[AnnualTable, AnnualCell] | Response:
    """The table and cell asked for, or a page saying there is none or it is not for the caller."""
    try:
        table = readable_table(principal, code, bands)
    except Problem as problem:
        if problem.status == 403:
            return reading.refusal(principal, problem)
        return message_page(404, "没有这张年报表", f"年报中没有名为“{code}”的表。",
                            who=principal.title)  # fmt: skip
    found = table.cell(key)
    if found is None:
        return message_page(404, "没有这个单元格", f"{table.title}中没有名为“{key}”的单元格。",
                            who=principal.title)  # fmt: skip
    if found.indicator.kind == "ratio":
        return message_page(422, "比率单元格没有明细",
                            "比率由分子与分母两个单元格算出，请分别查看它们的明细。",
                            who=principal.title)  # fmt: skip
    return table, found


async def _cell_view(
    conn: Conn,
    shown: tuple[UUID, str],
    wanted: Asked,
    chosen: tuple[AnnualTable, AnnualCell],
    paging: tuple[UUID | None, int],
    bands: tuple[int, ...],
) -> CellView:
    (org_id, name), (table, cell) = shown, chosen
    found = await annual_facts.fact_page(conn, cell.indicator, org_id, wanted.window, bands, paging)
    names = {
        org: await name_on(conn, org, wanted.window[1]) or str(org)
        for org in {fact.org_id for fact in found.facts}
    }
    return CellView(org_id, name, wanted, table, cell, found, names, paging[1], paging[0])
