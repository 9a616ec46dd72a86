"""``/api/v1/statistics/training/export``: the training and employment table as CSV or XLSX.

One row per indicator; columns are the child organisations (``columns=children``, the
default, as ``/api/v1/statistics/training/children`` gives them) or the quarters of the period
(``columns=quarters``), then 合计. Same window and scope rules as the JSON routes; a bearer
token or the dashboard's cookie.
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
from shared.http.problems import field_error
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import training_statistics
from reporting.adapters.queries.report_files import table_csv, table_xlsx
from reporting.domain.report_table import ReportTable
from reporting.domain.training_figures import TrainingFigures
from reporting.domain.training_table import (
    RATE_INDICATORS,
    quarter_heading,
    quarters,
    training_table,
)
from reporting.entrypoints.api.exports import (
    EXPORT_RESPONSES,
    MEDIA_TYPES,
    ExportFormat,
    export_reader_for,
    period_end,
)
from reporting.entrypoints.api.report_forms import FormSigners, report_form
from reporting.entrypoints.api.statistics import ContainerDep, Window, ensure_visible
from reporting.entrypoints.api.training_statistics import TRAINING_READ_ROLES

router = APIRouter(prefix="/api/v1/statistics/training", tags=["training statistics"])
TrainingExporter = Annotated[Principal, Depends(export_reader_for(*TRAINING_READ_ROLES))]
Columns = Literal["children", "quarters"]
_RATE_FORMATS = dict.fromkeys(RATE_INDICATORS, "0.0")
MOST_QUARTERS = 8
"""Quarter columns a table may have: two years, as wide as a report table is read."""


@router.get(
    "/export",
    summary="导出职工培训与就业统计表（指标为行，下级组织或季度为列并含合计，CSV 或 XLSX）",
    responses=EXPORT_RESPONSES,
    response_class=Response,
)
async def export_training(
    org_id: UUID,
    principal: TrainingExporter,
    window: Window,
    last_day: Annotated[date, Depends(period_end)],
    container: ContainerDep,
    names: FormSigners,
    file_format: Annotated[ExportFormat, Query(alias="format", description="csv 或 xlsx")] = "xlsx",
    columns: Annotated[Columns, Query(description="列：children 下级组织，quarters 季度")] = (
        "children"
    ),
) -> Response:
    """One row per indicator; a column per child organisation or quarter, then 合计."""
    if columns == "quarters" and len(quarters(*window)) > MOST_QUARTERS:
        raise field_error("columns", f"按季度分列时，期间最多包含 {MOST_QUARTERS} 个季度")
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        table, name = await _table(conn, org_id, window, last_day, columns)
    if file_format == "csv":
        content = table_csv(table)
    else:
        form = report_form("training", name, window, last_day, names)
        xlsx = partial(table_xlsx, table, {}, total_row=False, row_formats=_RATE_FORMATS, form=form)
        content = await asyncio.to_thread(xlsx)
    date_from, stock_date = window
    disposition = (
        f'attachment; filename="training-{date_from}-{stock_date}.{file_format}"; '
        f"filename*=UTF-8''{quote(f'{table.file_stem}.{file_format}', safe='')}"
    )
    return Response(
        content, media_type=MEDIA_TYPES[file_format], headers={"Content-Disposition": disposition}
    )


async def _table(
    conn: Conn, org_id: UUID, window: tuple[date, date], last_day: date, columns: Columns
) -> tuple[ReportTable, str]:
    """The table, and the organisation's name for the form's header."""
    total = await training_statistics.training_figures(conn, org_id, *window)
    shown: list[tuple[str, TrainingFigures]] = []
    if columns == "quarters":
        for first, last in quarters(*window):
            figures = await training_statistics.training_figures(conn, org_id, first, last)
            shown.append((quarter_heading(first, last), figures))
    else:
        for child in await training_statistics.children_training_figures(conn, org_id, *window):
            shown.append((child.name or str(child.org_id), child))
    return training_table(shown, total, last_day), total.name or str(org_id)
