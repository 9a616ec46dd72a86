"""Handlers of attendance, completion and certificates."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from shared.seedwork import InvalidValue, NotFound

from training.domain.classes.certificate import Certificate
from training.domain.classes.certificate_number import new_number
from training.domain.classes.enrolment import EnrolmentStatus
from training.domain.codes import Mark, RevocationReason, WithdrawalReason
from training.service_layer.classes import commands as c
from training.service_layer.classes.handlers import locked_class
from training.service_layer.commands import CommandResult
from training.service_layer.scope import ensure_visible

if TYPE_CHECKING:
    from training.service_layer.ports import AbstractUnitOfWork


def _marks(cmd: c.MarkAttendance) -> list[tuple[UUID, Mark]]:
    valid = {mark.value for mark in Mark}
    for _, mark in cmd.marks:
        if mark not in valid:
            raise InvalidValue("考勤代码无效", field="mark")
    return [(enrolment_id, Mark(mark)) for enrolment_id, mark in cmd.marks]


async def mark_attendance(cmd: c.MarkAttendance, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        the_class = await locked_class(uow, cmd.class_id, cmd.scope_root)
        the_class.ensure_open()
        the_class.ensure_session(cmd.session_no)
        on = the_class.attendance_day(cmd.taken_on, uow.dating())
        marks = _marks(cmd)
        seated = {e.id for e in await uow.enrolments.active_in_class(the_class.id) if e.holds_seat}
        if any(enrolment_id not in seated for enrolment_id, _ in marks):
            raise InvalidValue("考勤对象须为本班在班学员", field="enrolment_id")
        await uow.attendance.record(the_class.id, cmd.session_no, marks)
        counts = await uow.attendance.counts(the_class.id, cmd.session_no)
        the_class.take_attendance(cmd.session_no, counts, on)
        await uow.commit()
    return CommandResult(the_class.id, the_class.version, the_class)


async def complete_class(cmd: c.CompleteClass, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        the_class = await locked_class(uow, cmd.class_id, cmd.scope_root)
        on = the_class.completion_day(cmd.completed_on, uow.dating())
        the_class.finish()
        attended = await uow.attendance.attended(the_class.id)
        for enrolment in await uow.enrolments.active_in_class(the_class.id):
            if enrolment.status == EnrolmentStatus.WAITLISTED:
                # The class ran without them: they leave its waiting list.
                enrolment.withdraw(WithdrawalReason.CLASS_CANCELLED, on)
                continue
            done = the_class.rule.is_met(
                attended.get(enrolment.id, 0),
                the_class.sessions_planned,
                enrolment.assessment_passed,
            )
            enrolment.close(done, on)
            if done:
                await uow.certificates.add(Certificate.issue(uuid4(), new_number(), enrolment, on))
        await uow.commit()
    return CommandResult(the_class.id, the_class.version, the_class)


async def revoke_certificate(cmd: c.RevokeCertificate, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        found = await uow.certificates.get(cmd.certificate_id)
        if found is None:
            raise NotFound("证书不存在", field="certificate_id")
        await ensure_visible(uow, found.org_id, cmd.scope_root, what="证书")
        if cmd.reason not in {r.value for r in RevocationReason}:
            raise InvalidValue("撤销原因代码无效", field="reason")
        found.revoke(RevocationReason(cmd.reason), uow.today())
        await uow.commit()
    return CommandResult(found.id, found.version, found)
