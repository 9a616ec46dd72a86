"""The lifecycle of a hardship file as POST sub-resources: submit, return, file, formalise,
re-verify, exit, cancel. Each answers with the file as it now stands (logged as a read)."""

from __future__ import annotations

from functools import partial
from uuid import UUID

from fastapi import APIRouter, Response
from shared.http.commanding import MakeCommand

from assistance.entrypoints.api.deps import Commanding
from assistance.entrypoints.api.households import schemas
from assistance.entrypoints.api.households.routes import file_renderer
from assistance.service_layer.households import commands

router = APIRouter(prefix="/api/v1/households", tags=["困难职工档案 households"])


async def _act(command: Commanding, action: str, make: MakeCommand) -> Response:
    return await command.run(make, file_renderer(command.container, command.principal, action))


@router.post("/{household_id}/submit", response_model=schemas.HouseholdOut)
async def submit(household_id: UUID, command: Commanding) -> Response:
    """提交审核: send a draft or a completed returned file for review."""
    return await _act(command, "submit", partial(commands.SubmitFile, household_id=household_id))


@router.post("/{household_id}/return", response_model=schemas.HouseholdOut)
async def return_for_completion(
    household_id: UUID, body: schemas.ReturnIn, command: Commanding
) -> Response:
    """退回补充: send a file under review back, saying what is missing."""
    make = partial(commands.ReturnFile, household_id=household_id, note=body.note)
    return await _act(command, "return", make)


@router.post("/{household_id}/file", response_model=schemas.HouseholdOut)
async def file_household(
    household_id: UUID, command: Commanding, body: schemas.EffectiveIn | None = None
) -> Response:
    """建档: approve a file under review; it is now on file and published."""
    on = body.effective_on if body else None
    make = partial(commands.ApproveFile, household_id=household_id, effective_on=on)
    return await _act(command, "file", make)


@router.post("/{household_id}/formalise", response_model=schemas.HouseholdOut)
async def formalise(
    household_id: UUID, command: Commanding, body: schemas.EffectiveIn | None = None
) -> Response:
    """临时转正式: make a temporary relief file formal."""
    on = body.effective_on if body else None
    make = partial(commands.FormaliseFile, household_id=household_id, effective_on=on)
    return await _act(command, "formalise", make)


@router.post("/{household_id}/reverify", response_model=schemas.HouseholdOut)
async def reverify(household_id: UUID, body: schemas.ReverifyIn, command: Commanding) -> Response:
    """年度复核: confirm a file on file, possibly at a new level; clears its review flags."""
    make = partial(
        commands.ReverifyFile,
        household_id=household_id,
        level=body.level,
        monthly_income_per_capita_fen=body.monthly_income_per_capita_fen,
        causes=tuple(body.causes) if body.causes else None,
        effective_on=body.effective_on,
    )
    return await _act(command, "reverify", make)


@router.post("/{household_id}/exit", response_model=schemas.HouseholdOut)
async def exit_hardship(household_id: UUID, body: schemas.ExitIn, command: Commanding) -> Response:
    """解困脱困: the household left hardship; the file closes."""
    make = partial(
        commands.ExitFile,
        household_id=household_id,
        reason=body.reason,
        effective_on=body.effective_on,
    )
    return await _act(command, "exit", make)


@router.post("/{household_id}/cancel", response_model=schemas.HouseholdOut)
async def cancel(household_id: UUID, body: schemas.CancelIn, command: Commanding) -> Response:
    """注销: withdraw the file (wrongly filed, duplicate, deceased, moved away)."""
    make = partial(
        commands.CancelFile,
        household_id=household_id,
        reason=body.reason,
        effective_on=body.effective_on,
    )
    return await _act(command, "cancel", make)
