"""Handlers of mutual medical insurance (职工互助医疗保障): enrolments and claims."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.seedwork import NotFound, NotInScope

from assistance.domain.giving.insurance import InsuranceEnrolment
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.giving import commands as c

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork


async def enrol_member(cmd: c.EnrolInsurance, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        member = await uow.replica.member(cmd.member_id)
        if member is None:
            raise NotFound("会员不存在", field="member_id")
        if not await uow.replica.is_within(member.org_id, cmd.scope_root):
            raise NotInScope("该会员不在您的管辖范围内", field="member_id")
        enrolment = InsuranceEnrolment.enrol(
            enrolment_id=cmd.enrolment_id,
            member=member,
            scheme_year=cmd.scheme_year,
            premium_fen=cmd.premium_fen,
            enrolled_on=cmd.enrolled_on,
            recorded_by=cmd.recorded_by,
            today=uow.today(),
        )
        await uow.insurance_enrolments.add(enrolment)
        await uow.commit()
    return CommandResult(enrolment.id, enrolment.version)


async def pay_claim(cmd: c.PayInsuranceClaim, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        enrolment = await uow.insurance_enrolments.get(cmd.enrolment_id)
        if enrolment is None or not await uow.replica.is_within(enrolment.org_id, cmd.scope_root):
            raise NotFound("参保记录不存在", field="enrolment_id")
        claim = enrolment.pay_claim(
            claim_id=cmd.claim_id,
            claim_kind=cmd.claim_kind,
            amount_fen=cmd.amount_fen,
            paid_on=cmd.paid_on,
            recorded_by=cmd.recorded_by,
            today=uow.today(),
        )
        await uow.insurance_claims.add(claim)
        await uow.commit()
    return CommandResult(claim.id, claim.version)
