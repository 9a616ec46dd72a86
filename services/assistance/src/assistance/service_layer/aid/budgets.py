"""Handlers of yearly programme budgets, and the budget look-up approvals and batches share."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from assistance.domain.aid.budget import Budget, ensure_programme
from assistance.domain.aid.errors import BudgetMissing
from assistance.domain.amounts import ensure_year
from assistance.service_layer.aid.commands import AllocateBudget
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.scope import organisation_in_scope

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork


async def allocate_budget(cmd: AllocateBudget, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        programme = ensure_programme(cmd.programme)
        year = ensure_year(cmd.year)
        budget = await uow.budgets.find(cmd.org_id, programme, year)
        if budget is None:
            budget = Budget.open(
                budget_id=cmd.budget_id,
                org_id=cmd.org_id,
                programme=programme,
                year=year,
                amount_fen=cmd.amount_fen,
                today=uow.today(),
            )
            await uow.budgets.add(budget)
        else:
            budget.allocate(cmd.amount_fen, today=uow.today())
        await uow.commit()
    return CommandResult(budget.id, budget.version)


async def budget_of(
    uow: AbstractUnitOfWork, org_id: UUID, programme: str, year: int, *, field: str
) -> Budget:
    """The budget that pays, which must be set.

    Raises:
        BudgetMissing: no budget for this organisation, programme and year.
    """
    budget = await uow.budgets.find(org_id, programme, year)
    if budget is None:
        raise BudgetMissing(f"该组织未设置 {year} 年度该项目的预算", field=field)
    return budget
