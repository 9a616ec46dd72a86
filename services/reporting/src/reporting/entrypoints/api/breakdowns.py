"""``/api/v1/statistics/breakdowns``: the annual report's breakdowns of one organisation."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from shared.http.problems import ProblemDetails

from reporting.adapters.queries import breakdowns
from reporting.domain.own_level import Scope
from reporting.entrypoints.api.breakdown_schemas import BreakdownsView
from reporting.entrypoints.api.statistics import ContainerDep, Reader, Window, ensure_visible

router = APIRouter(prefix="/api/v1/statistics", tags=["statistics"])
_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ProblemDetails} for status in (401, 403, 404, 422)
}
_SCOPE = (
    "subtree 含下级（默认）；self 仅本级：组织数只计本组织，委员会只计本组织的，"
    "集体合同只计以本组织为签约工会的"
)


@router.get(
    "/breakdowns",
    summary="年报分项：组织数（按类别）、在任工会委员会、按签约方的集体合同",
    responses=_ERRORS,
)
async def organisation_breakdowns(
    org_id: UUID,
    principal: Reader,
    window: Window,
    container: ContainerDep,
    scope: Annotated[Scope, Query(description=_SCOPE)] = "subtree",
) -> BreakdownsView:
    """Organisations, committees and contracts by party of ``org_id``: subtree or 本级."""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        figures = await breakdowns.breakdowns(conn, org_id, *window, own_only=scope == "self")
    return BreakdownsView.of(figures, scope)
