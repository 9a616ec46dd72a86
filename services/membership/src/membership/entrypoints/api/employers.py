"""单位 employers: registration, headcount census (排摸) and union coverage (建会)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Query, Request, Response
from shared.http.idempotency import IdempotencyKeyDep
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from membership.adapters import views
from membership.domain import Ownership
from membership.entrypoints.api import schemas
from membership.entrypoints.api.commanding import run_command, view_renderer
from membership.entrypoints.api.deps import ContainerDep, Reader, Writer, scope_path
from membership.service_layer import commands
from membership.service_layer.commands import CensusFigures

router = APIRouter(prefix="/api/v1/employers", tags=["单位 employers"])


@router.post("", status_code=201, response_model=schemas.EmployerOut)
async def register_employer(
    request: Request,
    body: schemas.RegisterEmployerIn,
    principal: Writer,
    container: ContainerDep,
    key: IdempotencyKeyDep,
) -> Response:
    """登记单位: register an employer (USCC checked) with an optional census."""
    employer_id = uuid4()
    census = CensusFigures(**body.census.model_dump()) if body.census else None

    def command(root: UUID) -> commands.Command:
        return commands.RegisterEmployer(
            scope_root=root,
            employer_id=employer_id,
            census=census,
            **body.model_dump(exclude={"census"}),
        )

    return await run_command(
        request,
        container,
        principal,
        key,
        command,
        view_renderer(principal, views.employer, schemas.EmployerOut),
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
    request: Request,
    employer_id: UUID,
    body: schemas.CensusIn,
    principal: Writer,
    container: ContainerDep,
    key: IdempotencyKeyDep,
) -> Response:
    """排摸: record a new headcount census (workers, women, migrant workers)."""

    def command(root: UUID) -> commands.Command:
        return commands.UpdateCensus(
            scope_root=root, employer_id=employer_id, census=CensusFigures(**body.model_dump())
        )

    return await run_command(
        request,
        container,
        principal,
        key,
        command,
        view_renderer(principal, views.employer, schemas.EmployerOut),
    )


@router.put("/{employer_id}/coverage", response_model=schemas.EmployerOut)
async def set_coverage(
    request: Request,
    employer_id: UUID,
    body: schemas.CoverageIn,
    principal: Writer,
    container: ContainerDep,
    key: IdempotencyKeyDep,
) -> Response:
    """建会覆盖: set (or clear) the grassroots union covering the employer."""

    def command(root: UUID) -> commands.Command:
        return commands.SetCoverage(scope_root=root, employer_id=employer_id, **body.model_dump())

    return await run_command(
        request,
        container,
        principal,
        key,
        command,
        view_renderer(principal, views.employer, schemas.EmployerOut),
    )
