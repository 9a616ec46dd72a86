"""``/api/v1/statistics/export``: the per-child breakdown as a CSV or XLSX report table.

Same figures, window and scope rules as ``/api/v1/statistics/children``; only the shape differs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial
from typing import Annotated, Literal
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from shared.auth import AuthError, Principal, Role, get_principal
from shared.http.problems import Problem, ProblemDetails

from reporting.adapters.queries import statistics
from reporting.adapters.queries.report_files import table_csv, table_xlsx
from reporting.domain.periods import parse_period
from reporting.domain.report_table import report_table
from reporting.entrypoints.api.report_forms import FormSigners, report_form
from reporting.entrypoints.api.statistics import READ_ROLES, ContainerDep, Window, ensure_visible
from reporting.entrypoints.pages.session import signed_in

router = APIRouter(prefix="/api/v1/statistics", tags=["statistics"])
ExportFormat = Literal["csv", "xlsx"]
MEDIA_TYPES: dict[ExportFormat, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"content": {media: {} for media in MEDIA_TYPES.values()}},
    **{status: {"model": ProblemDetails} for status in (401, 403, 404, 422)},
}


_optional_bearer = HTTPBearer(auto_error=False)


def export_reader_for(*roles: Role) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting ``roles`` with a bearer token or the dashboard's session cookie."""

    async def reader(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_optional_bearer)],
    ) -> Principal:
        """A bearer token as for the API, or the session cookie: the dashboard links here."""
        if credentials is not None:
            principal = await get_principal(request, credentials)
        else:
            try:
                session = signed_in(request)
            except AuthError:
                session = None
            if session is None:
                raise Problem(
                    401, "未认证", "请求缺少 Bearer 令牌", headers={"WWW-Authenticate": "Bearer"}
                )
            principal = session
        if not principal.has_any(*roles):
            raise Problem(403, "无权执行此操作")
        return principal

    return reader


export_reader = export_reader_for(*READ_ROLES)


async def period_end(
    window: Window, period: str | None = None, date_to: date | None = None
) -> date:
    """The requested period's last day, which the title needs beside the stock date.

    ``window`` has already validated the same query parameters, so parsing cannot fail here.
    """
    if period is not None:
        return parse_period(period).date_to
    assert date_to is not None  # the window accepts no other combination
    return date_to


@router.get(
    "/export",
    summary="导出统计表（按下级组织分列并含合计，CSV 或 XLSX）",
    responses=EXPORT_RESPONSES,
    response_class=Response,
)
async def export_statistics(
    org_id: UUID,
    principal: Annotated[Principal, Depends(export_reader)],
    window: Window,
    last_day: Annotated[date, Depends(period_end)],
    container: ContainerDep,
    names: FormSigners,
    file_format: Annotated[ExportFormat, Query(alias="format", description="csv 或 xlsx")] = "xlsx",
) -> Response:
    """One row per child organisation as the tree stood on the stock date, 本级, then 合计."""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        children = await statistics.children_indicators(conn, org_id, *window)
        own = await statistics.indicators(conn, org_id, *window, own_only=True)
        total = await statistics.indicators(conn, org_id, *window)
    table = report_table(total, children, last_day, own)
    if file_format == "csv":
        content = table_csv(table)
    else:
        name = total.name or str(org_id)
        form = report_form("membership", name, window, last_day, names)
        content = await asyncio.to_thread(partial(table_xlsx, table, form=form))
    date_from, stock_date = window
    disposition = (
        f'attachment; filename="statistics-{date_from}-{stock_date}.{file_format}"; '
        f"filename*=UTF-8''{quote(f'{table.file_stem}.{file_format}', safe='')}"
    )
    return Response(
        content,
        media_type=MEDIA_TYPES[file_format],
        headers={"Content-Disposition": disposition},
    )
