"""``/api/v1/statistics/assistance/export``: the assistance breakdown as a CSV or XLSX table.

Same figures, window and scope rules as ``/api/v1/statistics/assistance/children``; amounts in
yuan with two decimals (from fen, without floats). A bearer token or the dashboard's cookie.
"""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial
from typing import Annotated
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response
from shared.auth import Principal

from reporting.adapters.queries import assistance_statistics
from reporting.adapters.queries.report_files import table_csv, table_xlsx
from reporting.domain.assistance_table import MONEY_HEADERS, assistance_table
from reporting.entrypoints.api.assistance_statistics import ASSISTANCE_READ_ROLES
from reporting.entrypoints.api.exports import (
    EXPORT_RESPONSES,
    MEDIA_TYPES,
    ExportFormat,
    export_reader_for,
    period_end,
)
from reporting.entrypoints.api.report_forms import FormSigners, report_form
from reporting.entrypoints.api.statistics import ContainerDep, Window, ensure_visible

router = APIRouter(prefix="/api/v1/statistics/assistance", tags=["assistance statistics"])
_MONEY_FORMATS = dict.fromkeys(MONEY_HEADERS, "0.00")
AssistanceExporter = Annotated[Principal, Depends(export_reader_for(*ASSISTANCE_READ_ROLES))]


@router.get(
    "/export",
    summary="导出困难职工帮扶统计表（按下级组织分列并含合计，CSV 或 XLSX）",
    responses=EXPORT_RESPONSES,
    response_class=Response,
)
async def export_assistance(
    org_id: UUID,
    principal: AssistanceExporter,
    window: Window,
    last_day: Annotated[date, Depends(period_end)],
    container: ContainerDep,
    names: FormSigners,
    file_format: Annotated[ExportFormat, Query(alias="format", description="csv 或 xlsx")] = "xlsx",
) -> Response:
    """One row per child organisation as the tree stood on the stock date, 本级, then 合计."""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        children = await assistance_statistics.children_assistance_figures(conn, org_id, *window)
        own = await assistance_statistics.assistance_figures(conn, org_id, *window, own_only=True)
        total = await assistance_statistics.assistance_figures(conn, org_id, *window)
    table = assistance_table(total, children, last_day, own)
    if file_format == "csv":
        content = table_csv(table)
    else:
        name = total.name or str(org_id)
        form = report_form("assistance", name, window, last_day, names)
        content = await asyncio.to_thread(partial(table_xlsx, table, _MONEY_FORMATS, form=form))
    date_from, stock_date = window
    disposition = (
        f'attachment; filename="assistance-{date_from}-{stock_date}.{file_format}"; '
        f"filename*=UTF-8''{quote(f'{table.file_stem}.{file_format}', safe='')}"
    )
    return Response(
        content, media_type=MEDIA_TYPES[file_format], headers={"Content-Disposition": disposition}
    )
