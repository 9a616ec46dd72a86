"""帮扶项目年度预算 budgets: set an organisation's yearly budget for a programme, show it."""

from __future__ import annotations

from functools import partial
from typing import Annotated
from uuid import UUID

import asyncpg
from fastapi import APIRouter, Query, Response
from shared.adapters import Connection
from shared.adapters.listing import Filters, page
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from assistance.adapters.aid import views
from assistance.domain.aid.codes import PROGRAMME_LABELS, Programme
from assistance.entrypoints.api.aid.schemas import BudgetIn, BudgetOut
from assistance.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from assistance.service_layer.aid.commands import AllocateBudget
from assistance.service_layer.commands import CommandResult

router = APIRouter(prefix="/api/v1/budgets", tags=["帮扶预算 budgets"])


def budget_out(row: asyncpg.Record) -> BudgetOut:
    committed = row["reserved_fen"] + row["paid_fen"]
    return BudgetOut(
        **dict(row),
        programme_label=PROGRAMME_LABELS[row["programme"]],
        available_fen=row["amount_fen"] - committed,
    )


@router.post("", response_model=BudgetOut)
async def allocate_budget(body: BudgetIn, command: Commanding) -> Response:
    """设置年度预算: set (or change to a new total) an organisation's budget for a programme."""

    make = partial(AllocateBudget, **body.model_dump())

    async def render(conn: Connection, result: CommandResult) -> BudgetOut | None:
        row = await views.budget(conn, "/", result.aggregate_id)
        return budget_out(row) if row else None

    return await command.run(make, render)


@router.get("", response_model=Page[BudgetOut])
async def list_budgets(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    org_id: UUID | None = None,
    programme: Programme | None = None,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="年度")] = None,
) -> Page[BudgetOut]:
    """List budgets of organisations in the caller's subtree, with reserved, paid and available."""
    async with container.pool.acquire() as conn:
        filters = (
            Filters("o.path", await scope_path(conn, principal))
            .equal("b.org_id", org_id)
            .equal("b.programme", programme)
            .equal("b.year", year)
        )
        rows, total = await page(
            conn,
            views.BUDGETS,
            filters,
            views.BUDGET_COLUMNS,
            "b.year DESC, o.path, b.programme",
            paging.limit,
            paging.offset,
        )
    return paging.page([budget_out(row) for row in rows], total)


@router.get("/{budget_id}", response_model=BudgetOut)
async def get_budget(budget_id: UUID, principal: Reader, container: ContainerDep) -> BudgetOut:
    """One budget: amount, reserved by approvals, paid, and available."""
    async with container.pool.acquire() as conn:
        row = await views.budget(conn, await scope_path(conn, principal), budget_id)
    if row is None:
        raise not_found("预算")
    return budget_out(row)
