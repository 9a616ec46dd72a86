"""工会委员会 committees: recording an election and reading the committee in office."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel
from shared.adapters import Connection
from shared.http.commanding import Render
from shared.http.problems import not_found
from shared.identifiers import today_in_china
from shared.service_layer import CommandResult

from membership.adapters import committees, views
from membership.entrypoints.api.committee_schemas import (
    CommitteeOut,
    CommitteesOut,
    ElectCommitteeIn,
)
from membership.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from membership.service_layer import commands

router = APIRouter(prefix="/api/v1/organisations", tags=["工会委员会 committees"])


@router.post("/{org_id}/committees", status_code=201, response_model=CommitteeOut)
async def elect_committee(org_id: UUID, body: ElectCommitteeIn, command: Commanding) -> Response:
    """换届选举: record an elected committee with its members and roles (past dates allowed)."""
    committee_id = uuid4()
    make = partial(
        commands.ElectCommittee,
        org_id=org_id,
        committee_id=committee_id,
        elected_on=body.elected_on,
        term_start=body.term_start,
        term_end=body.term_end,
        members=tuple(member.to_domain() for member in body.members),
    )
    return await command.run(make, _render(command, committee_id), status=201)


def _render(command: Commanding, committee_id: UUID) -> Render:
    async def render(conn: Connection, result: CommandResult) -> BaseModel | None:
        found = await committees.by_id(
            conn, await scope_path(conn, command.principal), committee_id
        )
        return CommitteeOut(**found) if found else None

    return render


@router.get("/{org_id}/committees", response_model=CommitteeOut)
async def committee_in_office(
    org_id: UUID,
    principal: Reader,
    container: ContainerDep,
    as_of: Annotated[date | None, Query(description="截至日，默认今天")] = None,
) -> CommitteeOut:
    """The committee in office on ``as_of`` (today by default)."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        if await views.organisation(conn, scope, org_id) is None:
            raise not_found("工会组织")
        found = await committees.in_office(conn, scope, org_id, as_of or today_in_china())
    if found is None:
        raise not_found("该日在任的工会委员会")
    return CommitteeOut(**found)


@router.get("/{org_id}/committees/history", response_model=CommitteesOut)
async def committee_history(
    org_id: UUID, principal: Reader, container: ContainerDep
) -> CommitteesOut:
    """历届委员会: every committee recorded for the organisation, the latest term first."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        if await views.organisation(conn, scope, org_id) is None:
            raise not_found("工会组织")
        found = await committees.history(conn, scope, org_id)
    return CommitteesOut(items=[CommitteeOut(**committee) for committee in found])
