"""Handlers of file suggestions: an officer dismisses one; opening a file closes the head's."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import NotFound

from assistance.service_layer.commands import CommandResult
from assistance.service_layer.referrals.commands import DismissSuggestion
from assistance.service_layer.scope import ensure_visible

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork


async def dismiss_suggestion(cmd: DismissSuggestion, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        suggestion = await uow.file_suggestions.get(cmd.suggestion_id)
        if suggestion is None:
            raise NotFound("建档建议不存在")
        await ensure_visible(uow, suggestion.org_id, cmd.scope_root, what="建档建议")
        suggestion.dismiss(uow.today())
        await uow.commit()
    return CommandResult(suggestion.id, suggestion.version)


async def close_suggestions_of(uow: AbstractUnitOfWork, member_id: UUID | None) -> None:
    """A file was opened with ``member_id`` as its head: their pending suggestions are done.

    Runs inside the caller's unit of work, which commits.
    """
    if member_id is None:
        return
    today = uow.today()
    for suggestion in await uow.file_suggestions.pending_for(member_id):
        suggestion.file_opened(today)
