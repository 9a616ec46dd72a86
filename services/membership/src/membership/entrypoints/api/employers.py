"""单位 employers: registration, headcount census (排摸) and union coverage (建会)."""

from __future__ import annotations

from functools import partial
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Query, Response
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from membership.adapters import views
from membership.domain import Ownership
from membership.entrypoints.api import schemas
from membership.entrypoints.api.commanding import view_renderer
from membership.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from membership.service_layer import commands
from membership.service_layer.commands import CensusFigures

router = APIRouter(prefix="/api/v1/employers", tags=["单位 employers"])


@router.post("", status_code=201, response_model=schemas.EmployerOut)
async def register_employer(
    body: schemas.RegisterEmployerIn,
    command: Commanding,
) -> Response:
    """登记单位: register an employer (USCC checked) with an optional census."""
    employer_id = uuid4()
    census = CensusFigures(**body.census.model_dump()) if body.census else None

    make = partial(
        commands.RegisterEmployer,
        employer_id=employer_id,
        census=census,
        **body.model_dump(exclude={"census"}),
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
    ownership: Ownership | None = None,
    uscc: Annotated[str | None, Query(max_length=18)] = None,
    name: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[schemas.EmployerOut]:
    """List employers whose territory lies in the caller's subtree."""
    async with container.pool.acquire() as conn:
        rows, total = await views.list_employers(
            conn,
            await scope_path(conn, principal),
            territory_org_id=territory_org_id,
            covered=covered,
            ownership=ownership.value if ownership else None,
            uscc=uscc.upper() if uscc else None,
            name=name,
            limit=paging.limit,
            offset=paging.offset,
        )
    return paging.page([schemas.EmployerOut(**dict(r)) for r in rows], total)


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
