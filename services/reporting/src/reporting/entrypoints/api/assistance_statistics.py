"""``/api/v1/statistics/assistance``: hardship assistance figures of an organisation with its subtree.

Window (period, dates, as-of date) and scope follow ``/api/v1/statistics``: an organisation
outside the caller's subtree reads as unknown (404). Aggregates are open to the statistics
readers and to assistance officers and auditors; no route here names a household or a person.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from shared.auth import Principal, Role, require_roles
from shared.http.problems import ProblemDetails

from reporting.adapters.queries import assistance_statistics
from reporting.entrypoints.api.assistance_schemas import AssistanceBreakdownView, AssistanceView
from reporting.entrypoints.api.statistics import READ_ROLES, ContainerDep, Window, ensure_visible

ASSISTANCE_READ_ROLES = (*READ_ROLES, Role.ASSISTANCE_OFFICER, Role.AUDITOR)
"""Who may read assistance aggregates: the statistics readers, assistance officers, auditors."""

router = APIRouter(prefix="/api/v1/statistics/assistance", tags=["assistance statistics"])
Reader = Annotated[Principal, Depends(require_roles(*ASSISTANCE_READ_ROLES))]
_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ProblemDetails} for status in (401, 403, 404, 422)
}


@router.get("", summary="组织（含下级）困难职工帮扶统计指标", responses=_ERRORS)
async def organisation_assistance(
    org_id: UUID, principal: Reader, window: Window, container: ContainerDep
) -> AssistanceView:
    """在档户数（按等级）、新建档、解困脱困、帮扶人次与金额（按项目）、走访、募捐、互助保障。"""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        figures = await assistance_statistics.assistance_figures(conn, org_id, *window)
    return AssistanceView.of(figures)


@router.get("/children", summary="按下级组织分列的帮扶统计指标", responses=_ERRORS)
async def children_assistance(
    org_id: UUID, principal: Reader, window: Window, container: ContainerDep
) -> AssistanceBreakdownView:
    """每个下级组织（按统计日的隶属关系）一行，另附本级与本组织合计。"""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        children = await assistance_statistics.children_assistance_figures(conn, org_id, *window)
        own = await assistance_statistics.assistance_figures(conn, org_id, *window, own_only=True)
        total = await assistance_statistics.assistance_figures(conn, org_id, *window)
    return AssistanceBreakdownView(
        children=[AssistanceView.of(child) for child in children],
        self_only=AssistanceView.of(own),
        total=AssistanceView.of(total),
    )
