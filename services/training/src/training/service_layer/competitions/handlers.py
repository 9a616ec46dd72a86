"""Handlers of skills competitions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.seedwork import Conflict, NotFound, clean_text

from training.domain.competitions.competition import Competition, Entry, Trade
from training.service_layer import people
from training.service_layer.commands import CommandResult
from training.service_layer.competitions import commands as c
from training.service_layer.scope import ensure_visible, organisation_in_scope

if TYPE_CHECKING:
    from training.service_layer.ports import AbstractUnitOfWork


def _trade(name: str, items: tuple[str, ...]) -> Trade:
    cleaned = tuple(clean_text(i, field="trades", label="项目", max_length=100) for i in items)
    return Trade(clean_text(name, field="trades", label="工种", max_length=100), cleaned)


async def announce(cmd: c.AnnounceCompetition, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root)
        made = Competition.announce(
            cmd.competition_id, cmd.org_id,
            clean_text(cmd.title, field="title", label="竞赛名称", max_length=200),
            cmd.held_on, tuple(_trade(name, items) for name, items in cmd.trades),
        )  # fmt: skip
        await uow.competitions.add(made)
        await uow.commit()
    return CommandResult(made.id, made.version, made)


async def enter(cmd: c.EnterCompetition, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        competition = await uow.competitions.get(cmd.competition_id)
        if competition is None:
            raise NotFound("竞赛不存在", field="competition_id")
        await ensure_visible(uow, competition.org_id, cmd.scope_root, what="竞赛")
        person = await people.identify(uow, cmd.person, prefix="person")
        if await uow.entries.has_entry(competition.id, cmd.trade, person.person_id):
            raise Conflict("此人已报名该工种", field="person.id_number")
        made = Entry.enter(cmd.entry_id, competition, cmd.trade, person, uow.today())
        await uow.entries.add(made)
        await uow.commit()
    return CommandResult(made.id, made.version, made)


async def record_result(cmd: c.RecordResult, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        entry = await uow.entries.get(cmd.entry_id)
        if entry is None:
            raise NotFound("参赛记录不存在", field="entry_id")
        await ensure_visible(uow, entry.org_id, cmd.scope_root, what="参赛记录")
        entry.place(cmd.score, cmd.rank, uow.today())
        await uow.commit()
    return CommandResult(entry.id, entry.version, entry)
