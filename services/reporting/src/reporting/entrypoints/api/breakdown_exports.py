"""``/api/v1/statistics/breakdowns/export``: one breakdown as a CSV or XLSX report table.

Employers by ownership class or size band (the figures of ``/statistics/employers``),
organisations by kind and mode, committees in office and contracts by signing party (those of
``/statistics/breakdowns``); same window, roles and scope rule, ``scope=self`` for 本级 as on
those routes (``subtree`` the default, ``all`` kept as its older spelling for links in use).
"""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial
from typing import Annotated, Literal
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response
from shared.auth import Principal
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import breakdowns, employer_breakdown
from reporting.adapters.queries.org_names import name_on
from reporting.adapters.queries.report_files import table_csv, table_xlsx
from reporting.domain import breakdown_tables as tables
from reporting.domain import employer_breakdown as grouping
from reporting.domain.breakdown_tables import TableName
from reporting.domain.report_table import Cell, ReportTable
from reporting.entrypoints.api.exports import (
    EXPORT_RESPONSES,
    MEDIA_TYPES,
    ExportFormat,
    export_reader,
    period_end,
)
from reporting.entrypoints.api.report_forms import FormSigners, report_form
from reporting.entrypoints.api.statistics import ContainerDep, Window, ensure_visible

router = APIRouter(prefix="/api/v1/statistics", tags=["statistics"])
ExportScope = Literal["subtree", "all", "self"]
_SCOPE = (
    "subtree 含下级（默认；all 同义）；self 仅本级，口径与 /statistics/breakdowns、"
    "/statistics/employers 的 scope 相同"
)
Rows = tuple[tuple[Cell, ...], ...]


async def breakdown_rows(
    conn: Conn, name: TableName, org_id: UUID, window: tuple[date, date],
    bounds: tuple[int, ...], own_only: bool,
) -> Rows:  # fmt: skip
    """The rows of breakdown ``name`` of ``org_id`` (with its subtree, or 本级 alone)."""
    if name in ("ownership_class", "size_band"):
        cells = await employer_breakdown.cells(conn, org_id, window[1], bounds, own_only=own_only)
        groups = grouping.grouped(cells, name, bounds)
        return tables.employer_rows(groups, grouping.total(cells))
    found = await breakdowns.breakdowns(conn, org_id, *window, own_only=own_only)
    layout = {"organisations": tables.organisation_rows, "committees": tables.committee_rows,
              "contracts": tables.contract_rows}  # fmt: skip
    return layout[name](found)


@router.get(
    "/breakdowns/export",
    summary="导出分项统计表（单位按所有制类别或规模、组织按类别、委员会、合同按签约方）",
    responses=EXPORT_RESPONSES,
    response_class=Response,
)
async def export_breakdown(
    org_id: UUID,
    principal: Annotated[Principal, Depends(export_reader)],
    window: Window,
    last_day: Annotated[date, Depends(period_end)],
    container: ContainerDep,
    names: FormSigners,
    breakdown: Annotated[TableName, Query(description="分项")] = "ownership_class",
    scope: Annotated[ExportScope, Query(description=_SCOPE)] = "subtree",
    file_format: Annotated[ExportFormat, Query(alias="format", description="csv 或 xlsx")] = "xlsx",
) -> Response:
    """One breakdown of ``org_id`` as a report table, its 合计 last where it has one."""
    own_only = scope == "self"
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        bounds = tuple(container.settings.size_bands)
        rows = await breakdown_rows(conn, breakdown, org_id, window, bounds, own_only)
        name = await name_on(conn, org_id, window[1]) or str(org_id)
    table = tables.breakdown_table(breakdown, name, window, last_day, rows, own_only)
    if file_format == "csv":
        content = table_csv(table)
    else:
        form = report_form("breakdowns", name, window, last_day, names)
        has_total = breakdown in ("ownership_class", "size_band", "contracts")
        content = await asyncio.to_thread(
            partial(table_xlsx, table, _RATE_FORMATS, total_row=has_total, form=form)
        )
    return _attachment(content, table, file_format, breakdown, window)


_RATE_FORMATS = {tables.EMPLOYER_HEADERS[-1]: "0.0"}


def _attachment(
    content: bytes,
    table: ReportTable,
    file_format: ExportFormat,
    breakdown: str,
    window: tuple[date, date],
) -> Response:
    """The file, named in Chinese with an ASCII fallback as the other exports are."""
    date_from, stock_date = window
    disposition = (
        f'attachment; filename="breakdown-{breakdown}-{date_from}-{stock_date}.{file_format}"; '
        f"filename*=UTF-8''{quote(f'{table.file_stem}.{file_format}', safe='')}"
    )
    return Response(
        content, media_type=MEDIA_TYPES[file_format],
        headers={"Content-Disposition": disposition},
    )  # fmt: skip
