"""Handlers of the mediation network: organisations, mediators, reporters and their warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.identifiers import InvalidIdentifier, validate_mobile
from shared.seedwork import InvalidValue, NotFound, clean_text

from disputes.domain.network.codes import MediationOrgKind, RiskKind
from disputes.domain.network.mediation_org import MEDIATOR, REPORTER, MediationOrg, NetworkPerson
from disputes.domain.network.warning import RiskWarning
from disputes.service_layer.commands import CommandResult
from disputes.service_layer.network import commands as c
from disputes.service_layer.scope import organisation_in_scope

if TYPE_CHECKING:
    from disputes.service_layer.ports import AbstractUnitOfWork


async def establish_org(cmd: c.EstablishMediationOrg, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        if cmd.employer_id is not None and await uow.replica.employer(cmd.employer_id) is None:
            raise InvalidValue("用人单位不存在", field="employer_id")
        name = clean_text(cmd.name, field="name", label="调解组织名称", max_length=200)
        made = MediationOrg.establish(
            id=cmd.mediation_org_id,
            org_id=cmd.org_id,
            kind=MediationOrgKind(cmd.kind),
            name=name,
            employer_id=cmd.employer_id,
        )
        await uow.mediation_orgs.add(made)
        await uow.commit()
    return CommandResult(made.id, made.version, made)


def _sealed_contact(uow: AbstractUnitOfWork, name: str, phone: str | None) -> dict[str, object]:
    clean = clean_text(name, field="name", label="姓名", max_length=50)
    if phone:
        try:
            phone = validate_mobile(phone)
        except InvalidIdentifier as error:
            raise InvalidValue(str(error), field="phone") from None
    protect = uow.protector
    return {
        "name_cipher": protect.encrypt(clean),
        "phone_cipher": protect.encrypt(phone) if phone else None,
    }


async def appoint_mediator(cmd: c.AppointMediator, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        org = await uow.mediation_orgs.get(cmd.mediation_org_id)
        if org is None or not await uow.replica.is_within(org.org_id, cmd.scope_root):
            raise NotFound("调解组织不存在", field="mediation_org_id")
        person = NetworkPerson.appoint(
            id=cmd.person_id,
            role=MEDIATOR,
            org_id=org.org_id,
            mediation_org_id=org.id,
            employer_id=org.employer_id,
            **_sealed_contact(uow, cmd.name, cmd.phone),
        )
        await uow.people.add(person)
        await uow.commit()
    return CommandResult(person.id, person.version, person)


async def appoint_reporter(cmd: c.AppointReporter, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        if await uow.replica.employer(cmd.employer_id) is None:
            raise InvalidValue("用人单位不存在", field="employer_id")
        person = NetworkPerson.appoint(
            id=cmd.person_id,
            role=REPORTER,
            org_id=cmd.org_id,
            mediation_org_id=None,
            employer_id=cmd.employer_id,
            **_sealed_contact(uow, cmd.name, cmd.phone),
        )
        await uow.people.add(person)
        await uow.commit()
    return CommandResult(person.id, person.version, person)


async def retire_person(cmd: c.RetirePerson, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        person = await uow.people.get(cmd.person_id)
        if person is None or not await uow.replica.is_within(person.org_id, cmd.scope_root):
            raise NotFound("人员不存在", field="person_id")
        person.retire()
        await uow.commit()
    return CommandResult(person.id, person.version, person)


async def report_risk(cmd: c.ReportRisk, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        reporter = await uow.people.get(cmd.reporter_id)
        visible = reporter is not None and await uow.replica.is_within(
            reporter.org_id, cmd.scope_root
        )
        if reporter is None or not visible or reporter.role != REPORTER or not reporter.active:
            raise InvalidValue("预警员不存在或已离任", field="reporter_id")
        note = None
        if cmd.note and cmd.note.strip():
            note = uow.protector.encrypt(
                clean_text(cmd.note, field="note", label="预警说明", max_length=2000)
            )
        warning = RiskWarning.report(
            dating=uow.dating(),
            id=cmd.warning_id,
            reporter_id=reporter.id,
            org_id=reporter.org_id,
            employer_id=reporter.employer_id,
            risk=RiskKind(cmd.risk),
            workers_at_risk=cmd.workers_at_risk,
            reported_on=cmd.reported_on,
            note_cipher=note,
        )
        await uow.warnings.add(warning)
        await uow.commit()
    return CommandResult(warning.id, warning.version, warning)
