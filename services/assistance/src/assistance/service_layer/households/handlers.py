"""Handlers of hardship files: draft, edit, submit, return, file, formalise, re-verify, exit,
cancel — and the periodic flagging of files not re-verified for 12 months."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias

from shared.seedwork import NotFound

from assistance.domain.households.circumstances import (
    Circumstances,
    parse_causes,
    parse_income,
    parse_level,
)
from assistance.domain.households.codes import (
    CancellationReason,
    ExitReason,
    ReviewFlag,
    parse_code,
)
from assistance.domain.households.household import Household, review_due_before
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.households import commands as c
from assistance.service_layer.households.input import (
    ensure_not_on_another_file,
    seal_family,
    seal_head,
    territory,
)
from assistance.service_layer.referrals.handlers import close_suggestions_of
from assistance.service_layer.scope import ensure_visible

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork


async def open_file(cmd: c.OpenFile, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        today = uow.today()
        head = seal_head(cmd.head, uow.protector, today)
        family = seal_family(cmd.family, uow.protector, today)
        circumstances = Circumstances.parse(
            level=cmd.level,
            causes=cmd.causes,
            monthly_income_per_capita_fen=cmd.monthly_income_per_capita_fen,
            temporary=cmd.temporary,
        )
        where = await territory(uow, head, cmd.org_id, cmd.scope_root)
        await ensure_not_on_another_file(uow, cmd.household_id, head, family)
        household = Household.draft(
            household_id=cmd.household_id,
            org_id=where.org_id,
            employer_id=where.employer_id,
            head=head,
            family=family,
            circumstances=circumstances,
            today=today,
        )
        await uow.households.add(household)
        await close_suggestions_of(uow, head.member_id)
        await uow.commit()
    return CommandResult(household.id, household.version)


async def edit_file(cmd: c.EditFile, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        household = await _visible(uow, cmd)
        today = uow.today()
        head = seal_head(cmd.head, uow.protector, today) if cmd.head else None
        family = seal_family(cmd.family, uow.protector, today) if cmd.family is not None else None
        household.edit(
            head=head, family=family, circumstances=_edited_circumstances(cmd, household)
        )
        if head is not None or cmd.org_id is not None:
            # A member's file belongs to their union; a non-member's stays where it was filed
            # unless an org is given.
            member_head = household.head.member_id is not None
            org_id = cmd.org_id if member_head else (cmd.org_id or household.org_id)
            where = await territory(uow, household.head, org_id, cmd.scope_root)
            household.org_id, household.employer_id = where.org_id, where.employer_id
        await ensure_not_on_another_file(uow, household.id, household.head, household.family)
        if head is not None:
            await close_suggestions_of(uow, head.member_id)
        await uow.commit()
    return CommandResult(household.id, household.version)


def _edited_circumstances(cmd: c.EditFile, household: Household) -> Circumstances | None:
    now = household.circumstances
    if (cmd.level, cmd.causes, cmd.monthly_income_per_capita_fen, cmd.temporary) == (None,) * 4:
        return None
    income = cmd.monthly_income_per_capita_fen
    return Circumstances(
        level=parse_level(cmd.level) if cmd.level is not None else now.level,
        causes=parse_causes(cmd.causes) if cmd.causes is not None else now.causes,
        monthly_income_per_capita_fen=parse_income(income)
        if income is not None
        else now.monthly_income_per_capita_fen,
        temporary=cmd.temporary if cmd.temporary is not None else now.temporary,
    )


async def submit_file(cmd: c.SubmitFile, uow: AbstractUnitOfWork) -> CommandResult:
    return await _transition(cmd, uow, lambda h, _: h.submit())


async def return_file(cmd: c.ReturnFile, uow: AbstractUnitOfWork) -> CommandResult:
    return await _transition(cmd, uow, lambda h, _: h.return_for_completion(cmd.note))


async def approve_file(cmd: c.ApproveFile, uow: AbstractUnitOfWork) -> CommandResult:
    return await _transition(
        cmd, uow, lambda h, u: h.file(h.step_date(cmd.effective_on, u.today()))
    )


async def formalise_file(cmd: c.FormaliseFile, uow: AbstractUnitOfWork) -> CommandResult:
    return await _transition(
        cmd, uow, lambda h, u: h.formalise(h.step_date(cmd.effective_on, u.today()))
    )


async def reverify_file(cmd: c.ReverifyFile, uow: AbstractUnitOfWork) -> CommandResult:
    def reverify(household: Household, unit: AbstractUnitOfWork) -> None:
        found = Circumstances(
            level=parse_level(cmd.level),
            causes=parse_causes(cmd.causes) if cmd.causes else household.circumstances.causes,
            monthly_income_per_capita_fen=parse_income(cmd.monthly_income_per_capita_fen),
            temporary=household.circumstances.temporary,
        )
        household.reverify(found, household.step_date(cmd.effective_on, unit.today()))

    return await _transition(cmd, uow, reverify)


async def exit_file(cmd: c.ExitFile, uow: AbstractUnitOfWork) -> CommandResult:
    reason = parse_code(cmd.reason, ExitReason, field="reason", label="脱困原因")
    return await _transition(
        cmd, uow, lambda h, u: h.exit(reason, h.step_date(cmd.effective_on, u.today()))
    )


async def cancel_file(cmd: c.CancelFile, uow: AbstractUnitOfWork) -> CommandResult:
    reason = parse_code(cmd.reason, CancellationReason, field="reason", label="注销原因")
    return await _transition(
        cmd, uow, lambda h, u: h.cancel(reason, h.step_date(cmd.effective_on, u.today()))
    )


async def flag_overdue_files(uow: AbstractUnitOfWork, *, batch_size: int = 500) -> int:
    """Flag filed files not re-verified for 12 months (once per file until re-verified).

    Returns:
        How many files were flagged in this batch; call again until it returns 0.
    """
    async with uow:
        today = uow.today()
        overdue = await uow.households.overdue(review_due_before(today), batch_size)
        flagged = [h for h in overdue if h.flag(ReviewFlag.NOT_REVIEWED_12_MONTHS, today)]
        await uow.commit()
    return len(flagged)


Change: TypeAlias = "Callable[[Household, AbstractUnitOfWork], None]"


async def _transition(cmd: Any, uow: AbstractUnitOfWork, change: Change) -> CommandResult:
    async with uow:
        household = await _visible(uow, cmd)
        change(household, uow)
        await uow.commit()
    return CommandResult(household.id, household.version)


async def _visible(uow: AbstractUnitOfWork, cmd: Any) -> Household:
    household = await uow.households.get(cmd.household_id)
    if household is None:
        raise NotFound("困难档案不存在")
    await ensure_visible(uow, household.org_id, cmd.scope_root, what="困难档案")
    return household
