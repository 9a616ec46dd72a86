"""Handlers of a case's intake: register (案件登记), accept (受理), decline, attach evidence."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from shared.seedwork import InvalidValue, clean_text, ensure_fen

from disputes.domain.cases.case import Case
from disputes.domain.cases.codes import Category, Channel, DeclineReason, EvidenceKind
from disputes.domain.cases.evidence import EvidenceDocument, sha256_hex, sniff_media_type
from disputes.domain.cases.parts import EvidenceItem
from disputes.service_layer.cases import commands as c
from disputes.service_layer.cases.loading import on_case
from disputes.service_layer.cases.parties import seal_applicants, seal_employer
from disputes.service_layer.commands import CommandResult
from disputes.service_layer.scope import organisation_in_scope

if TYPE_CHECKING:
    from disputes.service_layer.ports import AbstractUnitOfWork


async def receive_case(cmd: c.ReceiveCase, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        await _check_mediation_org(uow, cmd)
        facts = clean_text(cmd.facts, field="facts", label="事实与理由", max_length=5000)
        claims = clean_text(cmd.claims, field="claims", label="请求事项", max_length=2000)
        case = Case.receive(
            dating=uow.dating(),
            id=cmd.case_id,
            org_id=cmd.org_id,
            channel=Channel(cmd.channel),
            category=Category(cmd.category),
            employer=await seal_employer(uow, cmd),
            applicants=await seal_applicants(uow, cmd.applicants),
            workers_involved=cmd.workers_involved,
            migrant_workers=cmd.migrant_workers,
            claimed_fen=ensure_fen(cmd.claimed_fen, field="claimed_fen", label="涉案金额"),
            facts_cipher=uow.protector.encrypt(facts),
            claims_cipher=uow.protector.encrypt(claims),
            received_on=cmd.received_on,
            contact_id=cmd.contact_id,
            mediation_org_id=cmd.mediation_org_id,
        )
        case.actor = cmd.by
        await uow.cases.add(case)
        await uow.commit()
    return CommandResult(case.id, case.version, case)


async def _check_mediation_org(uow: AbstractUnitOfWork, cmd: c.ReceiveCase) -> None:
    if cmd.mediation_org_id is None:
        return
    found = await uow.mediation_orgs.get(cmd.mediation_org_id)
    if found is None or found.org_id != cmd.org_id:
        raise InvalidValue("调解组织不存在或不属于该组织", field="mediation_org_id")


async def accept_case(cmd: c.AcceptCase, uow: AbstractUnitOfWork) -> CommandResult:
    return await on_case(uow, cmd, lambda case, today: case.accept(cmd.accepted_on, today))


async def decline_case(cmd: c.DeclineCase, uow: AbstractUnitOfWork) -> CommandResult:
    reason = DeclineReason(cmd.reason)
    return await on_case(uow, cmd, lambda case, today: case.decline(reason, cmd.declined_on, today))


async def attach_evidence(cmd: c.AttachEvidence, uow: AbstractUnitOfWork) -> CommandResult:
    if len(cmd.content) > cmd.max_bytes:
        raise InvalidValue(f"证据文件不能超过 {cmd.max_bytes // 1048576} MB", field="file")
    if not cmd.content:
        raise InvalidValue("证据文件为空", field="file")
    media_type = sniff_media_type(cmd.content)
    name = clean_text(cmd.filename or "证据", field="file", label="文件名", max_length=200)
    item = EvidenceItem(
        cmd.evidence_id,
        EvidenceKind(cmd.kind),
        sha256_hex(cmd.content),
        len(cmd.content),
        media_type,
    )
    document = EvidenceDocument(
        id=item.evidence_id,
        case_id=cmd.case_id,
        kind=cmd.kind,
        media_type=media_type,
        size_bytes=item.size_bytes,
        sha256=item.sha256,
        filename_cipher=uow.protector.encrypt(name),
        content_cipher=uow.protector.seal(cmd.content),
    )

    async def attach(case: Case, today: date) -> None:
        case.attach_evidence(item, today)
        await uow.evidence.add(document)

    return await on_case(uow, cmd, attach)
