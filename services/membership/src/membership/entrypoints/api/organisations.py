"""工会组织 organisations: the tree — founding, renaming, re-election, moves, dissolution."""

from __future__ import annotations

from functools import partial
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Query, Response
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from membership.adapters import views
from membership.domain import OrganisationKind, OrganisationStatus
from membership.entrypoints.api import schemas
from membership.entrypoints.api.commanding import view_renderer
from membership.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from membership.service_layer import commands

router = APIRouter(prefix="/api/v1/organisations", tags=["工会组织 organisations"])


@router.post("", status_code=201, response_model=schemas.OrganisationOut)
async def found_union(
    body: schemas.FoundUnionIn,
    command: Commanding,
) -> Response:
    """建会: found a union organisation under a parent in the caller's subtree."""
    org_id = uuid4()

    make = partial(commands.FoundUnion, org_id=org_id, **body.model_dump())
    return await command.run(
        make,
        view_renderer(command.principal, views.organisation, schemas.OrganisationOut),
        status=201,
        location="/api/v1/organisations/{id}",
    )


@router.get("", response_model=Page[schemas.OrganisationOut])
async def list_organisations(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    kind: OrganisationKind | None = None,
    status: OrganisationStatus | None = None,
    parent_id: UUID | None = None,
    name: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[schemas.OrganisationOut]:
    """List organisations in the caller's subtree, in tree order."""
    async with container.pool.acquire() as conn:
        rows, total = await views.list_organisations(
            conn,
            await scope_path(conn, principal),
            kind=kind.value if kind else None,
            status=status.value if status else None,
            parent_id=parent_id,
            name=name,
            limit=paging.limit,
            offset=paging.offset,
        )
    return paging.page([schemas.OrganisationOut(**dict(r)) for r in rows], total)


@router.get("/{org_id}", response_model=schemas.OrganisationOut)
async def get_organisation(
    org_id: UUID, principal: Reader, container: ContainerDep
) -> schemas.OrganisationOut:
    """One organisation in the caller's subtree."""
    async with container.pool.acquire() as conn:
        row = await views.organisation(conn, await scope_path(conn, principal), org_id)
    if row is None:
        raise not_found("工会组织")
    return schemas.OrganisationOut(**dict(row))


@router.post("/{org_id}/rename", response_model=schemas.OrganisationOut)
async def rename_union(
    org_id: UUID,
    body: schemas.RenameIn,
    command: Commanding,
) -> Response:
    """更名: rename an organisation."""

    make = partial(commands.RenameUnion, org_id=org_id, **body.model_dump())
    return await command.run(
        make, view_renderer(command.principal, views.organisation, schemas.OrganisationOut)
    )


@router.post("/{org_id}/reelect", response_model=schemas.OrganisationOut)
async def reelect_union(
    org_id: UUID,
    body: schemas.ReelectIn,
    command: Commanding,
) -> Response:
    """换届: record a new committee term and chair."""

    make = partial(commands.ReelectUnion, org_id=org_id, **body.model_dump())
    return await command.run(
        make, view_renderer(command.principal, views.organisation, schemas.OrganisationOut)
    )


@router.post("/{org_id}/move", response_model=schemas.OrganisationOut)
async def move_union(
    org_id: UUID,
    body: schemas.MoveIn,
    command: Commanding,
) -> Response:
    """转隶: move an organisation and its subtree under another parent."""

    make = partial(commands.MoveUnion, org_id=org_id, **body.model_dump())
    return await command.run(
        make, view_renderer(command.principal, views.organisation, schemas.OrganisationOut)
    )


@router.post("/{org_id}/dissolve", response_model=schemas.OrganisationOut)
async def dissolve_union(
    org_id: UUID,
    body: schemas.DissolveIn,
    command: Commanding,
) -> Response:
    """注销: dissolve an organisation that has no current members or active children."""

    make = partial(commands.DissolveUnion, org_id=org_id, **body.model_dump())
    return await command.run(
        make, view_renderer(command.principal, views.organisation, schemas.OrganisationOut)
    )
