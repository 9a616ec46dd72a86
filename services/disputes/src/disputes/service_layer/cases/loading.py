"""Loading a case in the caller's scope and running one step on it, in one unit of work."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import NotFound

from disputes.domain.cases.case import Case
from disputes.service_layer.cases.commands import CaseCommand
from disputes.service_layer.commands import CommandResult

if TYPE_CHECKING:
    from disputes.service_layer.ports import AbstractUnitOfWork

Step = Callable[[Case, date], object]
"""What a command does to the case, given today (may be a coroutine function)."""


async def case_in_scope(uow: AbstractUnitOfWork, case_id: UUID, scope_root: UUID | None) -> Case:
    """The case, if it exists within the caller's subtree.

    Raises:
        NotFound: no such case, or outside the caller's scope (not revealed).
    """
    case = await uow.cases.get(case_id)
    if case is None or not await uow.replica.is_within(case.org_id, scope_root):
        raise NotFound("案件不存在", field="case_id")
    return case


async def on_case(uow: AbstractUnitOfWork, cmd: CaseCommand, step: Step) -> CommandResult:
    """Load the case in scope, run ``step`` as ``cmd.by``, commit; nothing is written on error."""
    async with uow:
        case = await case_in_scope(uow, cmd.case_id, cmd.scope_root)
        case.actor = cmd.by
        done = step(case, uow.today())
        if inspect.isawaitable(done):
            await done
        await uow.commit()
    return CommandResult(case.id, case.version, case)
