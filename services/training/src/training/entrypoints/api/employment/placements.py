"""实现就业/再就业 placements and their follow-ups at 3 and 6 months."""

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

router = APIRouter(prefix="/api/v1/placements", tags=["就业 placements"])


async def render_placement(conn: Connection, result: CommandResult) -> s.PlacementOut | None:
    row = await views.one_placement(conn, result.aggregate_id)
    return s.PlacementOut(**dict(row)) if row else None


@router.post("", status_code=201, response_model=s.PlacementOut)
async def record_placement(body: s.PlacementIn, command: Commanding) -> Response:
    """实现就业: a seeker placed with an employer, through a fair, a posting or otherwise."""
    fields = body.model_dump()
    fields["channel"] = body.channel.value
    make = partial(commands.RecordPlacement, **fields, entered_by=command.principal.subject)
    location = "/api/v1/placements/{id}"
    return await command.run(make, render_placement, status=201, location=location)


@router.get("", response_model=Page[s.PlacementOut])
async def list_placements(
    principal: Reader, container: ContainerDep, paging: PageDep, fair_id: UUID | None = None
) -> Page[s.PlacementOut]:
    """Placements in the caller's subtree, latest first."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        rows, total = await views.list_placements(
            conn, scope, fair_id, limit=paging.limit, offset=paging.offset
        )
    return paging.page([s.PlacementOut(**dict(r)) for r in rows], total)


@router.get("/{placement_id}", response_model=s.PlacementOut)
async def get_placement(
    placement_id: UUID, principal: Reader, container: ContainerDep
) -> s.PlacementOut:
    """One placement with its follow-ups."""
    async with container.pool.acquire() as conn:
        row = await views.one_placement(conn, placement_id)
        scope = await scope_path(conn, principal)
        if row is None or not await org_in_scope(conn, scope, row["org_id"]):
            raise not_found("就业记录")
    return s.PlacementOut(**dict(row))


@router.post("/{placement_id}/follow-ups", response_model=s.PlacementOut)
async def follow_up(placement_id: UUID, body: s.FollowUpIn, command: Commanding) -> Response:
    """跟踪回访: still employed after 3 or 6 months?"""
    make = partial(commands.FollowUpPlacement, placement_id=placement_id, **body.model_dump())
    return await command.run(make, render_placement)
