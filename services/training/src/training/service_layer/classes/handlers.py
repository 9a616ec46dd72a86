"""Handlers of classes and enrolments: opening, cancelling, enrolling and withdrawing."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import Conflict, InvalidValue, NotFound, clean_text

from training.domain.classes.enrolment import Enrolment
from training.domain.classes.training_class import CompletionRule, TrainingClass
from training.domain.codes import ClassKind, TargetGroup, WithdrawalReason
from training.service_layer import people
from training.service_layer.classes import commands as c
from training.service_layer.commands import CommandResult
from training.service_layer.scope import ensure_visible, organisation_in_scope

if TYPE_CHECKING:
    from training.service_layer.ports import AbstractUnitOfWork


def _code(enum: type[ClassKind] | type[TargetGroup] | type[WithdrawalReason], value: str,
          field: str) -> str:  # fmt: skip
    if value not in {member.value for member in enum}:
        raise InvalidValue("代码无效", field=field)
    return value


async def open_class(cmd: c.OpenClass, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root)
        made = TrainingClass.open(
            id=cmd.class_id, org_id=cmd.org_id,
            title=clean_text(cmd.title, field="title", label="班名", max_length=200),
            kind=ClassKind(_code(ClassKind, cmd.kind, "kind")),
            provider=clean_text(cmd.provider, field="provider", label="承办机构", max_length=200),
            venue=clean_text(cmd.venue, field="venue", label="培训地点", max_length=200),
            starts_on=cmd.starts_on, ends_on=cmd.ends_on,
            sessions_planned=cmd.sessions_planned, capacity=cmd.capacity,
            target_groups=tuple(
                TargetGroup(_code(TargetGroup, g, "target_groups")) for g in dict.fromkeys(cmd.target_groups)
            ),
            rule=CompletionRule(cmd.min_attendance_percent, cmd.assessment_required),
        )  # fmt: skip
        await uow.classes.add(made)
        await uow.commit()
    return CommandResult(made.id, made.version, made)


async def locked_class(
    uow: AbstractUnitOfWork, class_id: UUID, scope: UUID | None
) -> TrainingClass:
    """The class in the caller's scope, locked for the rest of the unit."""
    found = await uow.classes.lock(class_id)
    if found is None:
        raise NotFound("培训班不存在", field="class_id")
    await ensure_visible(uow, found.org_id, scope, what="培训班")
    return found


async def cancel_class(cmd: c.CancelClass, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        found = await locked_class(uow, cmd.class_id, cmd.scope_root)
        found.cancel(uow.today())
        for enrolment in await uow.enrolments.active_in_class(found.id):
            enrolment.withdraw(WithdrawalReason.CLASS_CANCELLED, uow.today())
        await uow.commit()
    return CommandResult(found.id, found.version, found)


async def enrol(cmd: c.Enrol, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        # The person first: the class's row stays locked for as short a time as possible.
        person = await people.identify(uow, cmd.person, prefix="person")
        found = await locked_class(uow, cmd.class_id, cmd.scope_root)
        found.ensure_open()
        on = found.enrolment_day(cmd.enrolled_on, uow.dating())
        if await uow.enrolments.has_active(found.id, person.person_id):
            raise Conflict("此人已报名该培训班", field="person.id_number")
        made = Enrolment.request(
            enrolment_id=cmd.enrolment_id, class_id=found.id, org_id=found.org_id,
            person=person, seated=found.take_seat(), on=on, entered_by=cmd.entered_by,
        )  # fmt: skip
        await uow.enrolments.add(made)
        await uow.commit()
    return CommandResult(made.id, made.version, made)


async def enrolment_in_scope(
    uow: AbstractUnitOfWork, enrolment_id: UUID, scope: UUID | None
) -> Enrolment:
    """The enrolment in the caller's scope."""
    found = await uow.enrolments.get(enrolment_id)
    if found is None:
        raise NotFound("报名记录不存在", field="enrolment_id")
    await ensure_visible(uow, found.org_id, scope, what="报名记录")
    return found


async def withdraw(cmd: c.Withdraw, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        enrolment = await enrolment_in_scope(uow, cmd.enrolment_id, cmd.scope_root)
        the_class = await locked_class(uow, enrolment.class_id, cmd.scope_root)
        reason = WithdrawalReason(_code(WithdrawalReason, cmd.reason, "reason"))
        if enrolment.withdraw(reason, uow.today()):
            the_class.free_seat()
            await _promote_next(uow, the_class)
        await uow.commit()
    return CommandResult(enrolment.id, enrolment.version, enrolment)


async def _promote_next(uow: AbstractUnitOfWork, the_class: TrainingClass) -> None:
    """The longest-waiting person takes the freed seat (while the class is open)."""
    waiting = await uow.enrolments.first_waitlisted(the_class.id)
    if waiting is not None and the_class.take_seat():
        waiting.promote(uow.today())


async def record_assessment(cmd: c.RecordAssessment, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        enrolment = await enrolment_in_scope(uow, cmd.enrolment_id, cmd.scope_root)
        the_class = await locked_class(uow, enrolment.class_id, cmd.scope_root)
        the_class.ensure_open()
        enrolment.record_assessment(cmd.passed)
        await uow.commit()
    return CommandResult(enrolment.id, enrolment.version, enrolment)
