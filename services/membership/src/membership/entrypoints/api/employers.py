"""单位 employers: registration, headcount census (排摸) and union coverage (建会)."""

from __future__ import annotations

from functools import partial
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Query, Response
from shared.http.pagination import Page, PageDep
from shared.http.problems import field_error, not_found
from shared.registration_types import REGISTRATION_TYPES, OwnershipClass, RegistrationType
from shared.registration_types import ownership_class as shared_class

from membership.adapters import views
from membership.domain.registration import from_ownership
from membership.entrypoints.api import schemas
from membership.entrypoints.api.commanding import view_renderer
from membership.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from membership.service_layer import commands
from membership.service_layer.commands import CensusFigures

router = APIRouter(prefix="/api/v1/employers", tags=["单位 employers"])


def _registration_type(body: schemas.RegisterEmployerIn) -> str:
    """The code given, or the one standing for the former ownership code; exactly one of them."""
    if body.registration_type is not None and body.ownership is not None:
        raise field_error("registration_type", "请只提供 registration_type（ownership 已弃用）")
    if body.ownership is not None:
        return from_ownership(body.ownership)
    if body.registration_type is None:
        raise field_error("registration_type", "请提供登记注册类型代码")
    return body.registration_type


@router.post("", status_code=201, response_model=schemas.EmployerOut)
async def register_employer(
    body: schemas.RegisterEmployerIn,
    command: Commanding,
) -> Response:
    """登记单位: register an employer (USCC checked), today or as of a past day, with a census."""
    census = CensusFigures(**body.census.model_dump()) if body.census else None
    make = partial(
        commands.RegisterEmployer,
        employer_id=uuid4(),
        census=census,
        registration_type=_registration_type(body),
        entered_by=command.principal.subject,
        **body.model_dump(exclude={"census", "registration_type", "ownership"}),
    )
    return await command.run(
        make,
        view_renderer(command.principal, views.employer, schemas.EmployerOut),
        status=201,
        location="/api/v1/employers/{id}",
    )


@router.get("", response_model=Page[schemas.EmployerOut])
async def list_employers(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    territory_org_id: UUID | None = None,
    covered: bool | None = None,
    registration_type: Annotated[
        RegistrationType | None, Query(description="登记注册类型代码")
    ] = None,
    ownership_class: Annotated[OwnershipClass | None, Query(description="所有制类别")] = None,
    uscc: Annotated[str | None, Query(max_length=18)] = None,
    name: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[schemas.EmployerOut]:
    """List employers whose territory lies in the caller's subtree."""
    kinds = _kinds(registration_type, ownership_class)
    async with container.pool.acquire() as conn:
        rows, total = await views.list_employers(
            conn,
            await scope_path(conn, principal),
            territory_org_id=territory_org_id,
            covered=covered,
            registration_types=kinds,
            uscc=uscc.upper() if uscc else None,
            name=name,
            limit=paging.limit,
            offset=paging.offset,
        )
    return paging.page([schemas.EmployerOut(**dict(r)) for r in rows], total)


def _kinds(registration_type: str | None, ownership_class: str | None) -> list[str] | None:
    """The registration types a listing asks for: one code, every code of one class, or all."""
    if registration_type is None and ownership_class is None:
        return None
    return [
        code
        for code in REGISTRATION_TYPES
        if registration_type in (None, code) and ownership_class in (None, shared_class(code))
    ]


@router.get("/{employer_id}", response_model=schemas.EmployerOut)
async def get_employer(
    employer_id: UUID, principal: Reader, container: ContainerDep
) -> schemas.EmployerOut:
    """One employer in the caller's subtree."""
    async with container.pool.acquire() as conn:
        row = await views.employer(conn, await scope_path(conn, principal), employer_id)
    if row is None:
        raise not_found("单位")
    return schemas.EmployerOut(**dict(row))


@router.put("/{employer_id}/census", response_model=schemas.EmployerOut)
async def update_census(
    employer_id: UUID,
    body: schemas.CensusIn,
    command: Commanding,
) -> Response:
    """排摸: record a new headcount census (workers, women, migrant workers)."""

    make = partial(
        commands.UpdateCensus, employer_id=employer_id, census=CensusFigures(**body.model_dump())
    )
    return await command.run(
        make, view_renderer(command.principal, views.employer, schemas.EmployerOut)
    )


@router.patch("/{employer_id}/registration-type", response_model=schemas.EmployerOut)
async def reclassify_employer(
    employer_id: UUID,
    body: schemas.ReclassifyEmployerIn,
    command: Commanding,
) -> Response:
    """更正登记注册类型: correct an employer's registration type (e.g. an unresolved 合资)."""

    make = partial(
        commands.ReclassifyEmployer,
        employer_id=employer_id,
        registration_type=body.registration_type,
    )
    return await command.run(
        make, view_renderer(command.principal, views.employer, schemas.EmployerOut)
    )


@router.put("/{employer_id}/coverage", response_model=schemas.EmployerOut)
async def set_coverage(
    employer_id: UUID,
    body: schemas.CoverageIn,
    command: Commanding,
) -> Response:
    """建会覆盖: set (or clear) the grassroots union covering the employer."""

    make = partial(commands.SetCoverage, employer_id=employer_id, **body.model_dump())
    return await command.run(
        make, view_renderer(command.principal, views.employer, schemas.EmployerOut)
    )
