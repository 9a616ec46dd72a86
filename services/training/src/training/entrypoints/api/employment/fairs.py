"""招聘会 job fairs: employers and positions, registered seekers, the head count at the door."""

from __future__ import annotations

from functools import partial
from uuid import UUID

from fastapi import APIRouter, Response
from shared.adapters import Connection
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from training.adapters.classes.views import org_in_scope
from training.adapters.employment import views
from training.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from training.entrypoints.api.employment import schemas as s
from training.service_layer.commands import CommandResult
from training.service_layer.employment import commands

router = APIRouter(prefix="/api/v1/fairs", tags=["招聘会 job fairs"])


async def render_fair(conn: Connection, result: CommandResult) -> s.FairOut | None:
    row = await views.one_fair(conn, result.aggregate_id)
    return s.fair_out(row) if row else None


@router.post("", status_code=201, response_model=s.FairOut)
async def hold_fair(body: s.FairIn, command: Commanding) -> Response:
    """举办招聘会."""
    make = partial(commands.HoldFair, **body.model_dump())
    return await command.run(make, render_fair, status=201, location="/api/v1/fairs/{id}")


@router.get("", response_model=Page[s.FairOut])
async def list_fairs(
    principal: Reader, container: ContainerDep, paging: PageDep
) -> Page[s.FairOut]:
    """Job fairs in the caller's subtree, latest first, with their figures."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        rows, total = await views.list_fairs(conn, scope, limit=paging.limit, offset=paging.offset)
    return paging.page([s.fair_out(r) for r in rows], total)


@router.get("/{fair_id}", response_model=s.FairOut)
async def get_fair(fair_id: UUID, principal: Reader, container: ContainerDep) -> s.FairOut:
    """One fair with its figures (nobody counted twice)."""
    async with container.pool.acquire() as conn:
        row = await views.one_fair(conn, fair_id)
        scope = await scope_path(conn, principal)
        if row is None or not await org_in_scope(conn, scope, row["org_id"]):
            raise not_found("招聘会")
    return s.fair_out(row)


@router.post("/{fair_id}/employers", response_model=s.FairOut)
async def add_employer(fair_id: UUID, body: s.FairEmployerIn, command: Commanding) -> Response:
    """参会单位: an employer attending and the positions it offers."""
    make = partial(commands.AddFairEmployer, fair_id=fair_id, **body.model_dump())
    return await command.run(make, render_fair)


@router.post("/{fair_id}/seekers", response_model=s.FairOut)
async def add_seeker(fair_id: UUID, body: s.FairSeekerIn, command: Commanding) -> Response:
    """A registered job seeker attended (counted once, whatever the head count says)."""
    make = partial(commands.AddFairSeeker, fair_id=fair_id, seeker_id=body.seeker_id)
    return await command.run(make, render_fair)


@router.put("/{fair_id}/seekers-counted", response_model=s.FairOut)
async def count_seekers(fair_id: UUID, body: s.FairCountIn, command: Commanding) -> Response:
    """到场人数: the head count at the door, registered seekers included (walk-ins are the rest)."""
    make = partial(commands.CountFairSeekers, fair_id=fair_id, seekers_counted=body.seekers_counted)
    return await command.run(make, render_fair)
