"""Handlers for employers: registration and its correction, headcount census, union coverage."""

from __future__ import annotations

from shared.service_layer import CommandResult

from membership.domain import Census, Employer
from membership.domain.employer import parse_uscc
from membership.service_layer.commands import (
    CensusFigures,
    ReclassifyEmployer,
    RegisterEmployer,
    SetCoverage,
    UpdateCensus,
)
from membership.service_layer.lookups import employer_in_scope, organisation_in_scope
from membership.service_layer.ports import AbstractUnitOfWork


def _census(figures: CensusFigures) -> Census:
    return Census(
        workers=figures.workers,
        women=figures.women,
        migrant_workers=figures.migrant_workers,
        effective_on=figures.effective_on,
    )


async def register_employer(cmd: RegisterEmployer, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        territory = await organisation_in_scope(
            uow, cmd.territory_org_id, cmd.scope_root, field="territory_org_id"
        )
        today = uow.today()
        uscc = parse_uscc(cmd.uscc)
        employer = Employer.register(
            employer_id=cmd.employer_id,
            uscc=uscc,
            name=cmd.name,
            registration_type=cmd.registration_type,
            industry=cmd.industry,
            territory=territory,
            registered_on=cmd.registered_on or today,
            entered_by=cmd.entered_by,
            today=today,
            uscc_taken=await uow.employers.get_by_uscc(uscc) is not None,
        )
        if cmd.census is not None:
            employer.update_census(_census(cmd.census), today=today)
        await uow.employers.add(employer)
        await uow.commit()
    return CommandResult(employer.id, employer.version)


async def update_census(cmd: UpdateCensus, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        employer = await employer_in_scope(uow, cmd.employer_id, cmd.scope_root)
        employer.update_census(_census(cmd.census), today=uow.today())
        await uow.commit()
    return CommandResult(employer.id, employer.version)


async def reclassify_employer(cmd: ReclassifyEmployer, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        employer = await employer_in_scope(uow, cmd.employer_id, cmd.scope_root)
        employer.reclassify(cmd.registration_type, today=uow.today())
        await uow.commit()
    return CommandResult(employer.id, employer.version)


async def set_coverage(cmd: SetCoverage, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        employer = await employer_in_scope(uow, cmd.employer_id, cmd.scope_root)
        if cmd.union_id is None:
            employer.uncover(on=cmd.effective_on, today=uow.today())
        else:
            union = await organisation_in_scope(uow, cmd.union_id, cmd.scope_root, field="union_id")
            employer.cover_by(union, on=cmd.effective_on, today=uow.today())
        await uow.commit()
    return CommandResult(employer.id, employer.version)
