"""Handlers of applications: submit, and the approval chain (opinion, review, approve, reject).

Approval reserves the approved amount from the budget with one conditional statement in the
approval's transaction: two approvals racing for the last of a budget cannot both have it,
and a budget short of the amount writes nothing (409).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import InvalidValue, NotFound, NotInScope, clean_text

from assistance.domain.aid.application import Application
from assistance.domain.aid.application_authority import Actor, Reach
from assistance.domain.aid.application_status import Applicant
from assistance.domain.aid.codes import ApprovalStep
from assistance.domain.aid.errors import BudgetExhausted
from assistance.domain.history import Dating
from assistance.service_layer.aid import commands as c
from assistance.service_layer.aid.budgets import budget_of
from assistance.service_layer.commands import CommandResult

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork

MAX_NOTE_LENGTH = 1000


async def submit_application(cmd: c.SubmitApplication, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        applicant, filed_on = await _applicant(uow, cmd)
        application = Application.submit(
            application_id=cmd.application_id,
            programme=cmd.programme,
            applicant=applicant,
            requested_fen=cmd.requested_fen,
            submitted_by=cmd.submitted_by,
            today=uow.today(),
            on=cmd.submitted_on,
            dating=_dating(uow),
            filed_on=filed_on,
            reason_cipher=_sealed_reason(uow, cmd.reason),
        )
        await uow.applications.add(application)
        await uow.commit()
    return CommandResult(application.id, application.version)


def _sealed_reason(uow: AbstractUnitOfWork, reason: str | None) -> bytes | None:
    """The application's reason, checked and sealed; none when left blank."""
    if reason is None or not reason.strip():
        return None
    text = clean_text(reason, field="reason", label="申请事由", max_length=MAX_NOTE_LENGTH)
    return uow.protector.encrypt(text)


async def give_opinion(cmd: c.GiveOpinion, uow: AbstractUnitOfWork) -> CommandResult:
    if not cmd.support:
        return await _reject(cmd, cmd.reason, cmd.note, uow)
    async with uow:
        application, actor, reach = await _step_context(uow, cmd)
        application.give_opinion(
            actor, reach, today=uow.today(), on=cmd.opinion_on, dating=_dating(uow)
        )
        await uow.commit()
    return CommandResult(application.id, application.version)


async def review_application(cmd: c.ReviewApplication, uow: AbstractUnitOfWork) -> CommandResult:
    if not cmd.passed:
        return await _reject(cmd, cmd.reason, cmd.note, uow)
    async with uow:
        application, actor, reach = await _step_context(uow, cmd)
        application.review(actor, reach, today=uow.today(), on=cmd.reviewed_on, dating=_dating(uow))
        await uow.commit()
    return CommandResult(application.id, application.version)


async def approve_application(cmd: c.ApproveApplication, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        application, actor, reach = await _step_context(uow, cmd, budget_org_id=cmd.budget_org_id)
        application.authorise(ApprovalStep.APPROVAL, actor, reach)
        if not await uow.replica.is_within(application.org_id, cmd.budget_org_id):
            raise InvalidValue("预算组织须为申请人所属组织或其上级组织", field="budget_org_id")
        dating = _dating(uow)
        day = application.approval_day(cmd.approved_on, dating)
        # A past approval draws on the budget of its own year, never on this year's.
        budget = await budget_of(
            uow, cmd.budget_org_id, application.programme, day.year,
            field="approved_on" if cmd.approved_on else "budget_org_id",
        )  # fmt: skip
        application.approve(
            actor,
            reach,
            approved_fen=cmd.approved_fen,
            budget_id=budget.id,
            budget_org_id=cmd.budget_org_id,
            today=dating.today,
            on=day,
            dating=dating,
        )
        if not await uow.budgets.reserve(budget.id, cmd.approved_fen):
            raise BudgetExhausted(
                f"{day.year} 年度预算余额不足以核定该金额，未作任何变更", field="approved_fen"
            )
        await uow.commit()
    return CommandResult(application.id, application.version)


async def reject_application(cmd: c.RejectApplication, uow: AbstractUnitOfWork) -> CommandResult:
    return await _reject(cmd, cmd.reason, cmd.note, uow)


async def _reject(
    cmd: c.ApplicationStep, reason: str | None, note: str | None, uow: AbstractUnitOfWork
) -> CommandResult:
    if not reason:
        raise InvalidValue("驳回须给出原因代码", field="reason")
    async with uow:
        application, actor, reach = await _step_context(uow, cmd)
        sealed = None
        if note is not None and note.strip():
            text = clean_text(note, field="note", label="驳回说明", max_length=MAX_NOTE_LENGTH)
            sealed = uow.protector.encrypt(text)
        application.reject(actor, reach, reason=reason, note_cipher=sealed, today=uow.today())
        await uow.commit()
    return CommandResult(application.id, application.version)


async def _step_context(
    uow: AbstractUnitOfWork, cmd: c.ApplicationStep, *, budget_org_id: UUID | None = None
) -> tuple[Application, Actor, Reach]:
    """The application (visible to the actor), the actor and what their scope reaches."""
    application = await uow.applications.get(cmd.application_id)
    if application is None or not await uow.replica.is_within(application.org_id, cmd.scope_root):
        raise NotFound("帮扶申请不存在", field="application_id")
    scope_kind = None
    if cmd.scope_root is not None:
        root = await uow.replica.organisation(cmd.scope_root)
        scope_kind = root.kind if root else None
    budget_reached = budget_org_id is not None and await uow.replica.is_within(
        budget_org_id, cmd.scope_root
    )
    actor = Actor(cmd.actor_subject, cmd.actor_role, scope_kind)
    return application, actor, Reach(applicant_org=True, budget_org=budget_reached)


def _dating(uow: AbstractUnitOfWork) -> Dating:
    return Dating(uow.today(), uow.history_from)


async def _applicant(
    uow: AbstractUnitOfWork, cmd: c.SubmitApplication
) -> tuple[Applicant, date | None]:
    """Whom the application is for (checked against the caller's scope), and the filing date."""
    if cmd.household_id is not None:
        household = await uow.households.get(cmd.household_id)
        if household is None or not await uow.replica.is_within(household.org_id, cmd.scope_root):
            raise NotFound("困难档案不存在", field="household_id")
        # A past application may be for a household that has since left hardship.
        day = cmd.submitted_on or uow.today()
        if not household.is_on_file and not household.was_on_file(day):
            raise InvalidValue("只有在档的困难户可以申请帮扶", field="household_id")
        head = household.head.member_id
        if cmd.member_id is not None and cmd.member_id != head:
            raise InvalidValue("会员须为该户户主", field="member_id")
        applicant = Applicant(household.org_id, household.id, head, household.employer_id)
        return applicant, household.filed_on
    if cmd.member_id is None:
        raise InvalidValue("须指明申请的困难户或会员", field="household_id")
    member = await uow.replica.member(cmd.member_id)
    if member is None:
        raise NotFound("会员不存在", field="member_id")
    if not await uow.replica.is_within(member.org_id, cmd.scope_root):
        raise NotInScope("该会员不在您的管辖范围内", field="member_id")
    if member.has_left:
        raise InvalidValue("该会员已退会", field="member_id")
    return Applicant(member.org_id, None, member.member_id, member.employer_id), None
