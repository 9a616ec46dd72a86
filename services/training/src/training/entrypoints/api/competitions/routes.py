"""技能竞赛 skills competitions: announce, enter, record results and ranks."""

from __future__ import annotations

from functools import partial
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response
from shared.adapters import Connection
from shared.http.commanding import Render
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from training.adapters.classes.views import org_in_scope
from training.adapters.competitions import views
from training.entrypoints.api.competitions import schemas as s
from training.entrypoints.api.deps import (
    Commanding,
    ContainerDep,
    Reader,
    RevealQuery,
    may_reveal,
    scope_path,
)
from training.service_layer.commands import CommandResult
from training.service_layer.competitions import commands

router = APIRouter(prefix="/api/v1/competitions", tags=["技能竞赛 skills competitions"])


@router.post("", status_code=201, response_model=s.CompetitionOut)
async def announce(body: s.CompetitionIn, command: Commanding) -> Response:
    """举办技能竞赛 with its trades and items."""
    trades = tuple((t.name, tuple(t.items)) for t in body.trades)
    make = partial(
        commands.AnnounceCompetition, org_id=body.org_id, title=body.title,
        held_on=body.held_on, trades=trades,
    )  # fmt: skip

    async def render(conn: Connection, result: CommandResult) -> s.CompetitionOut | None:
        row = await views.one_competition(conn, result.aggregate_id)
        return s.competition_out(row) if row else None

    return await command.run(make, render, status=201, location="/api/v1/competitions/{id}")


@router.get("", response_model=Page[s.CompetitionOut])
async def list_competitions(
    principal: Reader, container: ContainerDep, paging: PageDep
) -> Page[s.CompetitionOut]:
    """Competitions in the caller's subtree, latest first."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        rows, total = await views.list_competitions(
            conn, scope, limit=paging.limit, offset=paging.offset
        )
    return paging.page([s.competition_out(r) for r in rows], total)


def _render_entry(command: Commanding) -> Render:
    async def render(conn: Connection, result: CommandResult) -> s.EntryOut | None:
        row = await views.one_entry(conn, result.aggregate_id)
        return s.entry_out(row, command.container.cipher, reveal=False) if row else None

    return render


@router.post("/{competition_id}/entries", status_code=201, response_model=s.EntryOut)
async def enter(competition_id: UUID, body: s.EntryIn, command: Commanding) -> Response:
    """报名参赛: a person enters one trade."""
    make = partial(
        commands.EnterCompetition, competition_id=competition_id, trade=body.trade,
        person=body.person.details(),
    )  # fmt: skip
    return await command.run(make, _render_entry(command), status=201)


@router.get("/{competition_id}/entries", response_model=Page[s.EntryOut])
async def list_entries(
    competition_id: UUID,
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    trade: Annotated[str | None, Query(max_length=100)] = None,
    reveal: RevealQuery = False,
) -> Page[s.EntryOut]:
    """A competition's entrants by trade and rank (masked unless revealed)."""
    async with container.pool.acquire() as conn:
        found = await views.one_competition(conn, competition_id)
        scope = await scope_path(conn, principal)
        if found is None or not await org_in_scope(conn, scope, found["org_id"]):
            raise not_found("竞赛")
        rows, total = await views.list_entries(
            conn, competition_id, trade, limit=paging.limit, offset=paging.offset
        )
    shown = may_reveal(principal, reveal)
    return paging.page([s.entry_out(r, container.cipher, reveal=shown) for r in rows], total)


@router.post("/entries/{entry_id}/result", response_model=s.EntryOut)
async def record_result(entry_id: UUID, body: s.ResultIn, command: Commanding) -> Response:
    """成绩与名次: an entrant's score and rank."""
    make = partial(commands.RecordResult, entry_id=entry_id, score=body.score, rank=body.rank)
    return await command.run(make, _render_entry(command))
