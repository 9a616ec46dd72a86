"""``/api/v1/statistics/disputes``: labour-dispute mediation figures of an organisation with its subtree.

Window (period, dates, as-of date) and scope follow ``/api/v1/statistics``: an organisation
outside the caller's subtree reads as unknown (404). Dispute files are as sensitive as
hardship files, so, as the assistance figures are kept from the roles not entitled to them,
these aggregates are open to the statistics readers and to mediators and auditors only; an
assistance officer or a training coordinator gets 403. No route here names a case or a person.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from shared.auth import Principal, Role, require_roles
from shared.http.problems import ProblemDetails

from reporting.adapters.queries import dispute_statistics
from reporting.domain.periods import Period
from reporting.entrypoints.api.dispute_schemas import (
    DisputeBreakdownView,
    DisputePeriodsView,
    DisputePeriodView,
    DisputeView,
)
from reporting.entrypoints.api.exports import period_end
from reporting.entrypoints.api.statistics import READ_ROLES, ContainerDep, Window, ensure_visible

DISPUTE_READ_ROLES = (*READ_ROLES, Role.MEDIATOR, Role.AUDITOR)
"""Who may read mediation aggregates: the statistics readers, mediators, auditors."""

router = APIRouter(prefix="/api/v1/statistics/disputes", tags=["dispute statistics"])
Reader = Annotated[Principal, Depends(require_roles(*DISPUTE_READ_ROLES))]
_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ProblemDetails} for status in (401, 403, 404, 422)
}


@router.get("", summary="组织（含下级）劳动争议调解统计指标", responses=_ERRORS)
async def organisation_disputes(
    org_id: UUID, principal: Reader, window: Window, container: ContainerDep
) -> DisputeView:
    """接待来访、受理案件（按类别）、涉及职工、涉案金额、办结率、调解成功率、转仲裁、法律援助、追回金额、逾期。"""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        figures = await dispute_statistics.dispute_figures(conn, org_id, *window)
    return DisputeView.of(figures)


@router.get("/children", summary="按下级组织分列的劳动争议调解统计指标", responses=_ERRORS)
async def children_disputes(
    org_id: UUID, principal: Reader, window: Window, container: ContainerDep
) -> DisputeBreakdownView:
    """每个下级组织（按统计日的隶属关系）一行，另附本组织合计。"""
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        children = await dispute_statistics.children_dispute_figures(conn, org_id, *window)
        total = await dispute_statistics.dispute_figures(conn, org_id, *window)
    return DisputeBreakdownView(
        children=[DisputeView.of(child) for child in children], total=DisputeView.of(total)
    )


@router.get("/periods", summary="按季度（或月份）分列的劳动争议调解统计指标", responses=_ERRORS)
async def periods_disputes(
    org_id: UUID,
    principal: Reader,
    window: Window,
    last_day: Annotated[date, Depends(period_end)],
    container: ContainerDep,
) -> DisputePeriodsView:
    """年度、半年按季度，季度按月分列（截至日以后的分期不列），另附整个期间。"""
    date_from, stock_date = window
    async with container.pool.acquire() as conn:
        await ensure_visible(conn, principal, org_id, window)
        parts = await dispute_statistics.period_dispute_figures(
            conn, org_id, Period(date_from, last_day), stock_date
        )
        total = await dispute_statistics.dispute_figures(conn, org_id, *window)
    return DisputePeriodsView(
        periods=[
            DisputePeriodView(label=p.header, figures=DisputeView.of(p.figures)) for p in parts
        ],
        total=DisputeView.of(total),
    )
