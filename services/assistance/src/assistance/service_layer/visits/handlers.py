"""Handler of visits: where a visit counts (the household's or the member's organisation)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import InvalidValue, NotInScope, clean_text

from assistance.domain.visits.visit import Visit
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.visits.commands import RecordVisit

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork


async def record_visit(cmd: RecordVisit, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        org_id, employer_id, filed_on = await _where(uow, cmd)
        note = None
        if cmd.note is not None and cmd.note.strip():
            note = clean_text(cmd.note, field="note", label="走访记录", max_length=1000)
        visit = Visit.record(
            visit_id=cmd.visit_id,
            org_id=org_id,
            household_id=cmd.household_id,
            member_id=cmd.member_id,
            employer_id=cmd.employer_id or employer_id,
            occasion=cmd.occasion,
            visited_on=cmd.visited_on,
            note_cipher=uow.protector.encrypt(note) if note else None,
            recorded_by=cmd.recorded_by,
            today=uow.today(),
            history_from=uow.history_from,
            filed_on=filed_on,
        )
        await uow.visits.add(visit)
        await uow.commit()
    return CommandResult(visit.id, visit.version)


async def _where(
    uow: AbstractUnitOfWork, cmd: RecordVisit
) -> tuple[UUID, UUID | None, date | None]:
    """Where the visit counts (checked against the caller's scope), the employer, the filing."""
    if cmd.household_id is not None:
        household = await uow.households.get(cmd.household_id)
        if household is None or not await uow.replica.is_within(household.org_id, cmd.scope_root):
            raise InvalidValue("困难档案不存在", field="household_id")
        if cmd.member_id is not None and cmd.member_id != household.head.member_id:
            raise InvalidValue("会员不是该户户主", field="member_id")
        return household.org_id, household.employer_id, household.filed_on
    if cmd.member_id is None:
        raise InvalidValue("须指明走访的困难户或会员", field="household_id")
    member = await uow.replica.member(cmd.member_id)
    if member is None:
        raise InvalidValue("会员不存在", field="member_id")
    if not await uow.replica.is_within(member.org_id, cmd.scope_root):
        raise NotInScope("该会员不在您的管辖范围内", field="member_id")
    return member.org_id, member.employer_id, None
