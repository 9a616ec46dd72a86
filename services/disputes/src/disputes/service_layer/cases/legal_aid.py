"""Handlers of legal aid (法律援助): granted on a case or to a worker, then concluded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.seedwork import InvalidValue, NotFound, clean_text

from disputes.domain.cases.legal_aid import AidOutcome, AidStage, LegalAid
from disputes.service_layer.cases import commands as c
from disputes.service_layer.cases.loading import case_in_scope
from disputes.service_layer.commands import CommandResult
from disputes.service_layer.scope import organisation_in_scope

if TYPE_CHECKING:
    from disputes.service_layer.ports import AbstractUnitOfWork


async def grant_legal_aid(cmd: c.GrantLegalAid, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        if cmd.case_id is not None:
            case = await case_in_scope(uow, cmd.case_id, cmd.scope_root)
            if cmd.granted_on < case.received_on:
                # aid on a case is for its proceedings: never before the case was registered
                day = case.received_on.isoformat()
                raise InvalidValue(f"援助日期不能早于案件登记日期 {day}", field="granted_on")
        if cmd.member_id is not None and await uow.replica.member(cmd.member_id) is None:
            raise InvalidValue("会员不存在", field="member_id")
        worker = None
        if cmd.worker_name:
            name = clean_text(cmd.worker_name, field="worker_name", label="受援人", max_length=50)
            worker = uow.protector.encrypt(name)
        aid = LegalAid.grant(
            dating=uow.dating(),
            id=cmd.aid_id,
            org_id=cmd.org_id,
            case_id=cmd.case_id,
            member_id=cmd.member_id,
            worker_cipher=worker,
            provider=cmd.provider,
            stage=AidStage(cmd.stage),
            granted_on=cmd.granted_on,
        )
        await uow.legal_aid.add(aid)
        await uow.commit()
    return CommandResult(aid.id, aid.version, aid)


async def conclude_legal_aid(cmd: c.ConcludeLegalAid, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        aid = await uow.legal_aid.get(cmd.aid_id)
        if aid is None or not await uow.replica.is_within(aid.org_id, cmd.scope_root):
            raise NotFound("法律援助记录不存在", field="aid_id")
        aid.conclude(AidOutcome(cmd.outcome), cmd.amount_fen, cmd.concluded_on, uow.today())
        await uow.commit()
    return CommandResult(aid.id, aid.version, aid)
