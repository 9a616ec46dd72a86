"""``/api/v1/annual-report``: the annual report's tables, as JSON, XLSX or CSV, and each cell's facts.

A table is read for an organisation with its subtree and a year, stocks on ``as_of`` (the
year's last day unless given). The hardship, mediation and training tables are open to the
roles that read those figures; the others to the statistics readers. A caller limited to a subtree asking for an
organisation outside it is refused (403). A table's route also accepts the dashboard's session
cookie, since the annual report page (``/dashboard/annual-report``) links to its XLSX and CSV.
"""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial
from typing import Annotated, Literal
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query, Response
from shared.auth import Principal, Role, require_roles
from shared.http.problems import FieldError, Problem, ProblemDetails, field_error, not_found
from shared.identifiers import today_in_china
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import annual_facts, statistics
from reporting.adapters.queries.annual_files import annual_csv, annual_xlsx
from reporting.domain import annual_figures
from reporting.domain.annual_report import AnnualTable
from reporting.domain.annual_tables import annual_tables
from reporting.domain.periods import EARLIEST, LATEST
from reporting.domain.report_form import AnnualForm
from reporting.entrypoints.api.annual_schemas import (
    CellView,
    FactsView,
    HeadingView,
    TablesView,
    TableView,
)
from reporting.entrypoints.api.assistance_statistics import ASSISTANCE_READ_ROLES
from reporting.entrypoints.api.dispute_statistics import DISPUTE_READ_ROLES
from reporting.entrypoints.api.exports import MEDIA_TYPES, export_reader_for
from reporting.entrypoints.api.report_forms import FormSigners
from reporting.entrypoints.api.statistics import READ_ROLES, ContainerDep
from reporting.entrypoints.api.training_statistics import TRAINING_READ_ROLES

router = APIRouter(prefix="/api/v1/annual-report", tags=["annual report"])
AUDIENCES: dict[str, tuple[Role, ...]] = {
    "statistics": READ_ROLES,
    "assistance": ASSISTANCE_READ_ROLES,
    "disputes": DISPUTE_READ_ROLES,
    "training": TRAINING_READ_ROLES,
}
ANNUAL_READ_ROLES = tuple(dict.fromkeys(role for roles in AUDIENCES.values() for role in roles))
"""Anyone who may read one of the tables; each table then checks its own audience."""
Reader = Annotated[Principal, Depends(require_roles(*ANNUAL_READ_ROLES))]
FileReader = Annotated[Principal, Depends(export_reader_for(*ANNUAL_READ_ROLES))]
"""A bearer token, or the dashboard's session cookie: the annual report page links to the files."""
_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ProblemDetails} for status in (401, 403, 404, 422)
}


async def year_window(
    year: Annotated[int, Query(ge=EARLIEST.year, le=LATEST.year, description="年度")],
    as_of: Annotated[date | None, Query(description="截至日（年度内；默认年末）")] = None,
) -> tuple[date, date]:
    """The year's first day and the stock date: ``as_of``, or the year's last day."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    if as_of is not None and not first <= as_of <= last:
        raise field_error("as_of", f"截至日须在 {year} 年内")
    return first, as_of or last


YearWindow = Annotated[tuple[date, date], Depends(year_window)]
TableCode = Literal[
    "organisations", "employers", "members", "contracts", "hardship", "disputes", "training"
]
"""The tables' codes, as ``annual_tables`` names them (a unit test holds the two together)."""
TABLE_RESPONSES: dict[int | str, dict[str, object]] = {
    **_ERRORS,
    200: {"content": {"application/json": {}, **{media: {} for media in MEDIA_TYPES.values()}}},
}


def readable_table(principal: Principal, code: str, bands: tuple[int, ...]) -> AnnualTable:
    """The table named ``code``: 422 when there is none, 403 for a caller not entitled to it."""
    table = annual_tables(bands).get(code)
    if table is None:
        raise field_error("table", f"没有名为 {code} 的年报表")
    if not principal.has_any(*AUDIENCES[table.audience]):
        raise Problem(403, "无权执行此操作", f"无权查看年报表 {table.title}")
    return table


async def ensure_in_scope(
    conn: Conn, principal: Principal, org_id: UUID, window: tuple[date, date]
) -> str:
    """The organisation's name on the stock date; 403 naming ``org_id`` when it is outside the caller's subtree
    (unknown included: a scoped caller learns nothing of what lies outside), 404 when unknown."""
    if principal.org_id is not None and not await statistics.within_subtree(
        conn, UUID(principal.org_id), org_id, *window
    ):
        raise Problem(403, "无权执行此操作", "该组织不在您的管辖范围内",
                      errors=[FieldError("org_id", "不在您的管辖范围内")])  # fmt: skip
    if not await statistics.organisation_known(conn, org_id):
        raise not_found("组织")
    return await statistics.organisation_name(conn, org_id, window[1]) or str(org_id)


@router.get("", summary="年报表目录", responses=_ERRORS)
async def annual_report_tables(
    org_id: UUID, principal: Reader, window: YearWindow, container: ContainerDep
) -> TablesView:
    """The annual report's tables the caller may read for the organisation and year."""
    async with container.pool.acquire() as conn:
        await ensure_in_scope(conn, principal, org_id, window)
    tables = annual_tables(container.settings.size_bands).values()
    readable = [t for t in tables if principal.has_any(*AUDIENCES[t.audience])]
    return TablesView(org_id=org_id, year=window[0].year,
                      tables=[TableView.summary(t) for t in readable])  # fmt: skip


Format = Literal["json", "xlsx", "csv"]


@router.get("/{table}", summary="年报表（JSON、XLSX 或 CSV）", responses=TABLE_RESPONSES,
            response_model=TableView)  # fmt: skip
async def annual_report_table(
    table: Annotated[TableCode, Path(description="年报表")],
    org_id: UUID,
    principal: FileReader,
    window: YearWindow,
    container: ContainerDep,
    names: FormSigners,
    file_format: Annotated[Format, Query(alias="format", description="json、xlsx 或 csv")] = "json",
) -> Response | TableView:
    """One table's cells for the organisation with its subtree, or the table in its layout."""
    bands = container.settings.size_bands
    chosen = readable_table(principal, table, bands)
    async with container.pool.acquire() as conn:
        name = await ensure_in_scope(conn, principal, org_id, window)
        sources = await annual_facts.table_sources(conn, chosen, org_id, window, bands)
    figures = annual_figures.table_figures(chosen, sources)
    date_from, stock_date = window
    if file_format == "json":
        return TableView(
            code=chosen.code, form_number=chosen.form_number, title=chosen.title,
            unit=chosen.unit, org_id=org_id, organisation=name, year=date_from.year,
            date_from=date_from, stock_date=stock_date,
            rows=[HeadingView.of(h) for h in chosen.rows],
            columns=[HeadingView.of(h) for h in chosen.columns],
            cells=[CellView.of(cell, figures[cell.key]) for cell in chosen.cells],
        )  # fmt: skip
    title = f"{name} {date_from.year}年 {chosen.title}"
    if file_format == "csv":
        content = annual_csv(chosen, figures)
    else:
        form = AnnualForm(chosen.form_number, name, date_from.year, stock_date, chosen.unit,
                          today_in_china(), names.head or "", names.preparer or "")  # fmt: skip
        content = await asyncio.to_thread(partial(annual_xlsx, chosen, figures, title, form))
    disposition = (
        f'attachment; filename="annual-{chosen.code}-{date_from.year}.{file_format}"; '
        f"filename*=UTF-8''{quote(f'{title}.{file_format}', safe='')}"
    )
    return Response(content, media_type=MEDIA_TYPES[file_format],
                     headers={"Content-Disposition": disposition})  # fmt: skip


@router.get("/{table}/cells/{cell}/facts", summary="年报单元格下钻：计入的事实", responses=_ERRORS)
async def annual_report_cell_facts(
    table: Annotated[TableCode, Path(description="年报表")],
    cell: str,
    org_id: UUID,
    principal: Reader,
    window: YearWindow,
    container: ContainerDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="每页条数")] = 100,
    cursor: Annotated[UUID | None, Query(description="上一页返回的 next_cursor")] = None,
) -> FactsView:
    """The facts one cell counts (ids, dates, organisations), paged by id."""
    bands = container.settings.size_bands
    chosen = readable_table(principal, table, bands)
    found = chosen.cell(cell)
    if found is None:
        raise field_error("cell", f"年报表 {table} 没有单元格 {cell}")
    if found.indicator.kind == "ratio":
        raise field_error("cell", "比率单元格没有事实清单：请分别查看分子与分母单元格")
    async with container.pool.acquire() as conn:
        await ensure_in_scope(conn, principal, org_id, window)
        page = await annual_facts.fact_page(
            conn, found.indicator, org_id, window, bands, (cursor, limit)
        )
    return FactsView.of(chosen.code, found.key, page)
