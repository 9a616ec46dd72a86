"""``/api/v1/statistics``: indicators of one organisation with its subtree, and per child."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from shared.auth import Principal, Role, require_roles
from shared.http.problems import ProblemDetails, field_error, not_found
from shared.identifiers import today_in_china
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import statistics
from reporting.bootstrap import Container
from reporting.domain.own_level import Scope
from reporting.domain.periods import InvalidPeriod, Period, parse_period
from reporting.entrypoints.api.schemas import BreakdownView, IndicatorsView

router = APIRouter(prefix="/api/v1/statistics", tags=["statistics"])
READ_ROLES = (Role.CITY_ADMIN, Role.ANALYST, Role.UNION_CADRE)
Reader = Annotated[Principal, Depends(require_roles(*READ_ROLES))]
_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ProblemDetails} for status in (401, 403, 404, 422)
}


async def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


async def report_window(
    period: Annotated[str | None, Query(description="2024、2024H1、2024Q2 或 2024-03")] = None,
    date_from: Annotated[date | None, Query(description="期间开始日（与 date_to 同用）")] = None,
    date_to: Annotated[date | None, Query(description="期间结束日（含）")] = None,
    as_of: Annotated[
        date | None,
        Query(description="截至日：存量按此日统计，流量截止于此日；默认期间末，期间未结束时为今天"),
    ] = None,
) -> tuple[date, date]:
    """The first day of the flows and the stock date the query asks for."""
    try:
        if period is not None and date_from is None and date_to is None:
            chosen = parse_period(period)
        elif period is None and date_from is not None and date_to is not None:
            chosen = Period(date_from, date_to)
        else:
            raise field_error("period", "请提供 period，或同时提供 date_from 与 date_to")
        return chosen.date_from, chosen.stock_date(as_of, today_in_china())
    except InvalidPeriod as error:
        raise field_error("period", str(error)) from error


Window = Annotated[tuple[date, date], Depends(report_window)]
"""A route declares its caller (``Reader`` …) before the window: FastAPI resolves dependencies in
the order of the parameters, and an anonymous request must hear 401, not a 422 on its period."""


@router.get("", summary="组织（含下级或仅本级）统计指标", responses=_ERRORS)
async def organisation_statistics(
    org_id: UUID,
    principal: Reader,
    window: Window,
    container: ContainerDep,
    scope: Annotated[Scope, Query(description="subtree 含下级（默认）；self 仅本级")] = "subtree",
) -> IndicatorsView:
    """The organisation's indicators: with its whole subtree, or 本级 alone (scope=self)."""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        figures = await statistics.indicators(conn, org_id, *window, own_only=scope == "self")
    return IndicatorsView.of(figures)


@router.get("/children", summary="按下级组织分列的统计指标（半年报格式）", responses=_ERRORS)
async def children_statistics(
    org_id: UUID, principal: Reader, window: Window, container: ContainerDep
) -> BreakdownView:
    """One row per child, 本级 and the 合计: children plus 本级 give the 合计 (transfers aside)."""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        children = await statistics.children_indicators(conn, org_id, *window)
        own = await statistics.indicators(conn, org_id, *window, own_only=True)
        total = await statistics.indicators(conn, org_id, *window)
    return BreakdownView(
        children=[IndicatorsView.of(child) for child in children],
        self_only=IndicatorsView.of(own),
        total=IndicatorsView.of(total),
    )


async def ensure_visible(
    conn: Conn, principal: Principal, org_id: UUID, window: tuple[date, date]
) -> None:
    """404 for an unknown organisation and, not to reveal it exists, for one out of scope."""
    if not await statistics.organisation_known(conn, org_id):
        raise not_found("组织")
    if principal.org_id is None:
        return
    if not await statistics.within_subtree(conn, UUID(principal.org_id), org_id, *window):
        raise not_found("组织")
