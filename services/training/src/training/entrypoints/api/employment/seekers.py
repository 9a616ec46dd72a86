"""求职登记 job seekers and 招聘信息 job postings."""

from __future__ import annotations

from functools import partial
from uuid import UUID

from fastapi import APIRouter, Response
from shared.adapters import Connection
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from training.adapters.classes.views import org_in_scope
from training.adapters.employment import views
from training.domain.codes import SeekerStatus
from training.entrypoints.api.deps import (
    Commanding,
    ContainerDep,
    Reader,
    RevealQuery,
    may_reveal,
    scope_path,
)
from training.entrypoints.api.employment import schemas as s
from training.service_layer.commands import CommandResult
from training.service_layer.employment import commands

router = APIRouter(tags=["求职与招聘 seekers and postings"])


@router.post("/api/v1/seekers", status_code=201, response_model=s.SeekerOut)
async def register_seeker(body: s.SeekerIn, command: Commanding) -> Response:
    """求职登记: register a job seeker (member or not)."""
    make = partial(
        commands.RegisterSeeker, org_id=body.org_id, person=body.person.details(),
        status=body.status.value, wanted_occupation=body.wanted_occupation,
        registered_on=body.registered_on,
    )  # fmt: skip

    async def render(conn: Connection, result: CommandResult) -> s.SeekerOut | None:
        row = await views.one_seeker(conn, result.aggregate_id)
        return s.seeker_out(row, command.container.cipher, reveal=False) if row else None

    return await command.run(make, render, status=201, location="/api/v1/seekers/{id}")


@router.get("/api/v1/seekers", response_model=Page[s.SeekerOut])
async def list_seekers(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    status: SeekerStatus | None = None,
    placed: bool | None = None,
    reveal: RevealQuery = False,
) -> Page[s.SeekerOut]:
    """Job seekers in the caller's subtree, newest first (masked unless revealed)."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        rows, total = await views.list_seekers(
            conn, scope, status, placed, limit=paging.limit, offset=paging.offset
        )
    shown = may_reveal(principal, reveal)
    return paging.page([s.seeker_out(r, container.cipher, reveal=shown) for r in rows], total)


@router.get("/api/v1/seekers/{seeker_id}", response_model=s.SeekerOut)
async def get_seeker(
    seeker_id: UUID, principal: Reader, container: ContainerDep, reveal: RevealQuery = False
) -> s.SeekerOut:
    """One job seeker (masked unless revealed)."""
    async with container.pool.acquire() as conn:
        row = await views.one_seeker(conn, seeker_id)
        scope = await scope_path(conn, principal)
        if row is None or not await org_in_scope(conn, scope, row["org_id"]):
            raise not_found("求职登记")
    return s.seeker_out(row, container.cipher, reveal=may_reveal(principal, reveal))


@router.post("/api/v1/postings", status_code=201, response_model=s.PostingOut)
async def publish_posting(body: s.PostingIn, command: Commanding) -> Response:
    """发布招聘信息: an employer's vacancy with its number of positions."""
    make = partial(commands.PublishPosting, **body.model_dump())

    async def render(conn: Connection, result: CommandResult) -> s.PostingOut | None:
        row = await views.one_posting(conn, result.aggregate_id)
        return s.PostingOut(**dict(row)) if row else None

    return await command.run(make, render, status=201, location="/api/v1/postings/{id}")


@router.get("/api/v1/postings", response_model=Page[s.PostingOut])
async def list_postings(
    principal: Reader, container: ContainerDep, paging: PageDep
) -> Page[s.PostingOut]:
    """Job postings in the caller's subtree, newest first."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        rows, total = await views.list_postings(
            conn, scope, limit=paging.limit, offset=paging.offset
        )
    return paging.page([s.PostingOut(**dict(r)) for r in rows], total)
