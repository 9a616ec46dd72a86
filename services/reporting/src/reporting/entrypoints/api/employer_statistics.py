"""``/api/v1/statistics/employers``: employer and coverage figures by ownership class or size."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from shared.http.problems import ProblemDetails

from reporting.adapters.queries import employer_breakdown as queries
from reporting.domain import employer_breakdown
from reporting.domain.employer_breakdown import Breakdown, EmployerScope
from reporting.domain.own_level import Scope
from reporting.entrypoints.api.employer_schemas import (
    EmployerBreakdownView,
    EmployerFiguresView,
    EmployerGroupView,
)
from reporting.entrypoints.api.statistics import ContainerDep, Reader, Window, ensure_visible

router = APIRouter(prefix="/api/v1/statistics", tags=["statistics"])
_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ProblemDetails} for status in (401, 403, 404, 422)
}
_SCOPE = "subtree 含下级（默认）；self 仅本级：只计属地为本组织自身的单位，不含下级属地的单位"


@router.get("/employers", summary="单位与建会情况（按所有制类别或规模分组）", responses=_ERRORS)
async def employer_statistics(
    org_id: UUID,
    principal: Reader,
    window: Window,
    container: ContainerDep,
    breakdown: Annotated[
        Breakdown, Query(description="ownership_class 按登记注册类型归类，size_band 按职工人数")
    ] = "ownership_class",
    employer_scope: Annotated[
        EmployerScope, Query(description="all 全部单位，enterprises 仅企业（建会率的常用口径）")
    ] = "all",
    scope: Annotated[Scope, Query(description=_SCOPE)] = "subtree",
) -> EmployerBreakdownView:
    """Employers, workers, those covered by a union and 建会率 (subtree or 本级), per group."""
    bounds = container.settings.size_bands
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        cells = await queries.cells(conn, org_id, window[1], bounds, own_only=scope == "self")
    groups = employer_breakdown.grouped(cells, breakdown, bounds, employer_scope)
    return EmployerBreakdownView(
        org_id=org_id,
        stock_date=window[1],
        breakdown=breakdown,
        employer_scope=employer_scope,
        scope=scope,
        size_bands=list(bounds),
        groups=[EmployerGroupView.of_group(group) for group in groups],
        total=EmployerFiguresView.of(employer_breakdown.total(cells, employer_scope)),
        all_employers=EmployerFiguresView.of(employer_breakdown.total(cells)),
    )
