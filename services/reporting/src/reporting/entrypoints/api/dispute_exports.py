"""``/api/v1/statistics/disputes/export``: the mediation report as a CSV or XLSX table.

Rows are the indicators; columns the children and 合计 (``layout=children``, the figures of
``/children``) or the quarters or months and the whole period (``layout=periods``, those of
``/periods``). Same window, roles and scope rules; amounts in yuan with two decimals (from
fen, without floats). A bearer token or the dashboard's cookie.
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

from reporting.adapters.queries import dispute_statistics
from reporting.adapters.queries.indicator_files import indicator_table_xlsx
from reporting.adapters.queries.report_files import table_csv
from reporting.domain.dispute_table import MONEY_LINES, RATE_LINES, Column, dispute_table
from reporting.domain.periods import Period
from reporting.entrypoints.api.dispute_statistics import DISPUTE_READ_ROLES
from reporting.entrypoints.api.exports import (
    EXPORT_RESPONSES,
    MEDIA_TYPES,
    ExportFormat,
    export_reader_for,
    period_end,
)
from reporting.entrypoints.api.report_forms import FormSigners, report_form
from reporting.entrypoints.api.statistics import ContainerDep, Window, ensure_visible

router = APIRouter(prefix="/api/v1/statistics/disputes", tags=["dispute statistics"])
Layout = Literal["children", "periods"]
_ROW_FORMATS = {**dict.fromkeys(MONEY_LINES, "0.00"), **dict.fromkeys(RATE_LINES, "0.0")}
DisputeExporter = Annotated[Principal, Depends(export_reader_for(*DISPUTE_READ_ROLES))]


@router.get(
    "/export",
    summary="导出劳动争议调解统计表（指标为行，下级组织或分期为列并含合计，CSV 或 XLSX）",
    responses=EXPORT_RESPONSES,
    response_class=Response,
)
async def export_disputes(
    org_id: UUID,
    principal: DisputeExporter,
    window: Window,
    last_day: Annotated[date, Depends(period_end)],
    container: ContainerDep,
    names: FormSigners,
    file_format: Annotated[ExportFormat, Query(alias="format", description="csv 或 xlsx")] = "xlsx",
    layout: Annotated[Layout, Query(description="children 按下级组织，periods 按季度或月份")] = (
        "children"
    ),
) -> Response:
    """One row per indicator; one column per child organisation (or period part), then 合计."""
    date_from, stock_date = window
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        total = await dispute_statistics.dispute_figures(conn, org_id, *window)
        if layout == "periods":
            columns = await dispute_statistics.period_dispute_figures(
                conn, org_id, Period(date_from, last_day), stock_date
            )
        else:
            children = await dispute_statistics.children_dispute_figures(conn, org_id, *window)
            columns = [Column(child.name or str(child.org_id), child) for child in children]
    table = dispute_table(total, columns, last_day)
    if file_format == "csv":
        content = table_csv(table)
    else:
        name = total.name or str(org_id)
        form = report_form("disputes", name, window, last_day, names)
        xlsx = partial(indicator_table_xlsx, table, _ROW_FORMATS, form=form)
        content = await asyncio.to_thread(xlsx)
    disposition = (
        f'attachment; filename="disputes-{date_from}-{stock_date}.{file_format}"; '
        f"filename*=UTF-8''{quote(f'{table.file_stem}.{file_format}', safe='')}"
    )
    return Response(
        content, media_type=MEDIA_TYPES[file_format], headers={"Content-Disposition": disposition}
    )
