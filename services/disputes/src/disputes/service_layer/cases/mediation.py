"""Handlers of mediation: mediator, sessions, deadline, agreement, failure, the overdue sweep."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from shared.seedwork import InvalidValue, clean_text

from disputes.domain.cases.case import Case
from disputes.domain.cases.codes import ExtensionReason, FailureReason
from disputes.domain.cases.extension import NOTE_MAX_LENGTH
from disputes.domain.cases.parts import Agreement
from disputes.domain.network.mediation_org import MEDIATOR
from disputes.service_layer.cases import commands as c
from disputes.service_layer.cases.loading import on_case
from disputes.service_layer.commands import CommandResult

if TYPE_CHECKING:
    from disputes.service_layer.ports import AbstractUnitOfWork

SYSTEM_ACTOR = "system:overdue-sweep"


async def assign_mediator(cmd: c.AssignMediator, uow: AbstractUnitOfWork) -> CommandResult:
    async def assign(case: Case, today: date) -> None:
        mediator = await uow.people.get(cmd.mediator_id)
        if mediator is None or mediator.role != MEDIATOR or not mediator.active:
            raise InvalidValue("调解员不存在或已离任", field="mediator_id")
        if not await uow.replica.is_within(case.org_id, mediator.org_id):
            raise InvalidValue("该调解员所在调解组织不负责此案件", field="mediator_id")
        case.assign_mediator(cmd.mediator_id, cmd.assigned_on or today, today)

    return await on_case(uow, cmd, assign)


async def schedule_session(cmd: c.ScheduleSession, uow: AbstractUnitOfWork) -> CommandResult:
    return await on_case(
        uow, cmd, lambda case, today: case.schedule_session(cmd.scheduled_on, today)
    )


async def hold_session(cmd: c.HoldSession, uow: AbstractUnitOfWork) -> CommandResult:
    minutes = clean_text(cmd.minutes, field="minutes", label="调解笔录", max_length=20000)
    names = [
        clean_text(a, field="attendees", label="到场人员", max_length=100) for a in cmd.attendees
    ]
    record = uow.protector.encrypt("\n".join([*names, "", minutes]))
    return await on_case(
        uow,
        cmd,
        lambda case, today: case.hold_session(
            cmd.session_no, cmd.held_on, len(names), record, today
        ),
    )


async def extend_deadline(cmd: c.ExtendDeadline, uow: AbstractUnitOfWork) -> CommandResult:
    if cmd.reason not in set(ExtensionReason):
        raise InvalidValue("延期理由不在可选范围内", field="reason")
    reason = ExtensionReason(cmd.reason)
    note = None
    if cmd.note is not None and cmd.note.strip():
        note = clean_text(cmd.note, field="note", label="说明", max_length=NOTE_MAX_LENGTH)
    sealed = uow.protector.encrypt(note) if note is not None else None
    return await on_case(
        uow,
        cmd,
        lambda case, today: case.extend_deadline(
            cmd.due_on,
            cmd.both_parties_agreed,
            cmd.agreed_on or today,
            today,
            reason=reason,
            note_cipher=sealed,
        ),
    )


async def settle_case(cmd: c.SettleCase, uow: AbstractUnitOfWork) -> CommandResult:
    terms = clean_text(cmd.terms, field="terms", label="协议条款", max_length=10000)
    if cmd.pay_by is not None and cmd.pay_by < cmd.signed_on:
        raise InvalidValue("履行期限不能早于签订日期", field="pay_by")
    agreement = Agreement(cmd.agreed_fen, uow.protector.encrypt(terms), cmd.signed_on, cmd.pay_by)
    return await on_case(
        uow,
        cmd,
        lambda case, today: case.settle(
            agreement, cmd.worker_confirmed, cmd.employer_confirmed, today
        ),
    )


async def fail_case(cmd: c.FailCase, uow: AbstractUnitOfWork) -> CommandResult:
    reason = FailureReason(cmd.reason)
    return await on_case(uow, cmd, lambda case, today: case.fail(reason, cmd.failed_on, today))


async def mark_overdue_cases(uow: AbstractUnitOfWork, limit: int = 200) -> int:
    """One batch of the overdue sweep: cases past their due date marked (and published) once."""
    async with uow:
        today = uow.today()
        marked = 0
        for case in await uow.cases.past_due(today, limit):
            case.actor = SYSTEM_ACTOR
            marked += case.mark_overdue(today)
        await uow.commit()
    return marked
