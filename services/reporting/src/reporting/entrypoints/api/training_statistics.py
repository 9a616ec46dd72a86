"""``/api/v1/statistics/training``: training and employment figures of an organisation with its subtree.

Window (period, dates, as-of date) and scope follow ``/api/v1/statistics``: an organisation
outside the caller's subtree reads as unknown (404). Aggregates are open to the statistics
readers and to training coordinators and auditors; no route here names a person.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from shared.auth import Principal, Role, require_roles
from shared.http.problems import ProblemDetails

from reporting.adapters.queries import training_statistics
from reporting.entrypoints.api.statistics import READ_ROLES, ContainerDep, Window, ensure_visible
from reporting.entrypoints.api.training_schemas import TrainingBreakdownView, TrainingView

TRAINING_READ_ROLES = (*READ_ROLES, Role.TRAINING_COORDINATOR, Role.AUDITOR)
"""Who may read training aggregates: the statistics readers, training coordinators, auditors."""

router = APIRouter(prefix="/api/v1/statistics/training", tags=["training statistics"])
Reader = Annotated[Principal, Depends(require_roles(*TRAINING_READ_ROLES))]
_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ProblemDetails} for status in (401, 403, 404, 422)
}


@router.get("", summary="组织（含下级）职工培训与就业统计指标", responses=_ERRORS)
async def organisation_training(
    org_id: UUID, principal: Reader, window: Window, container: ContainerDep
) -> TrainingView:
    """培训期数（按类别）、培训/结业/取证人次、竞赛、招聘会、招聘信息、求职登记、实现（再）就业与回访。"""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        figures = await training_statistics.training_figures(conn, org_id, *window)
    return TrainingView.of(figures)


@router.get("/children", summary="按下级组织分列的培训与就业统计指标", responses=_ERRORS)
async def children_training(
    org_id: UUID, principal: Reader, window: Window, container: ContainerDep
) -> TrainingBreakdownView:
    """每个下级组织（按统计日的隶属关系）一行，另附本组织合计。"""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        children = await training_statistics.children_training_figures(conn, org_id, *window)
        total = await training_statistics.training_figures(conn, org_id, *window)
    return TrainingBreakdownView(
        children=[TrainingView.of(child) for child in children], total=TrainingView.of(total)
    )
