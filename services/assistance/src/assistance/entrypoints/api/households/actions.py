"""The lifecycle of a hardship file as POST sub-resources: submit, return, file, formalise,
re-verify, exit, cancel. Each answers with the file as it now stands (logged as a read)."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request, Response
from shared.http.idempotency import IdempotencyKeyDep

from assistance.entrypoints.api.commanding import MakeCommand, run_command
from assistance.entrypoints.api.deps import ContainerDep, Writer
from assistance.entrypoints.api.households import schemas
from assistance.entrypoints.api.households.routes import file_renderer
from assistance.service_layer.commands import Command
from assistance.service_layer.households import commands

router = APIRouter(prefix="/api/v1/households", tags=["困难职工档案 households"])


async def _act(
    request: Request,
    principal: Writer,
    container: ContainerDep,
    key: IdempotencyKeyDep,
    action: str,
    command: MakeCommand,
) -> Response:
    render = file_renderer(container, principal, action)
    return await run_command(request, container, principal, key, command, render)


@router.post("/{household_id}/submit", response_model=schemas.HouseholdOut)
async def submit(
    request: Request, household_id: UUID, principal: Writer, container: ContainerDep,
    key: IdempotencyKeyDep,
) -> Response:  # fmt: skip
    """提交审核: send a draft or a completed returned file for review."""

    def command(root: UUID | None) -> Command:
        return commands.SubmitFile(scope_root=root, household_id=household_id)

    return await _act(request, principal, container, key, "submit", command)


@router.post("/{household_id}/return", response_model=schemas.HouseholdOut)
async def return_for_completion(
    request: Request, household_id: UUID, body: schemas.ReturnIn, principal: Writer,
    container: ContainerDep, key: IdempotencyKeyDep,
) -> Response:  # fmt: skip
    """退回补充: send a file under review back, saying what is missing."""

    def command(root: UUID | None) -> Command:
        return commands.ReturnFile(scope_root=root, household_id=household_id, note=body.note)

    return await _act(request, principal, container, key, "return", command)


@router.post("/{household_id}/file", response_model=schemas.HouseholdOut)
async def file_household(
    request: Request, household_id: UUID, principal: Writer, container: ContainerDep,
    key: IdempotencyKeyDep, body: schemas.EffectiveIn | None = None,
) -> Response:  # fmt: skip
    """建档: approve a file under review; it is now on file and published."""

    def command(root: UUID | None) -> Command:
        return commands.ApproveFile(
            scope_root=root,
            household_id=household_id,
            effective_on=body.effective_on if body else None,
        )

    return await _act(request, principal, container, key, "file", command)


@router.post("/{household_id}/formalise", response_model=schemas.HouseholdOut)
async def formalise(
    request: Request, household_id: UUID, principal: Writer, container: ContainerDep,
    key: IdempotencyKeyDep, body: schemas.EffectiveIn | None = None,
) -> Response:  # fmt: skip
    """临时转正式: make a temporary relief file formal."""

    def command(root: UUID | None) -> Command:
        return commands.FormaliseFile(
            scope_root=root,
            household_id=household_id,
            effective_on=body.effective_on if body else None,
        )

    return await _act(request, principal, container, key, "formalise", command)


@router.post("/{household_id}/reverify", response_model=schemas.HouseholdOut)
async def reverify(
    request: Request, household_id: UUID, body: schemas.ReverifyIn, principal: Writer,
    container: ContainerDep, key: IdempotencyKeyDep,
) -> Response:  # fmt: skip
    """年度复核: confirm a file on file, possibly at a new level; clears its review flags."""

    def command(root: UUID | None) -> Command:
        return commands.ReverifyFile(
            scope_root=root,
            household_id=household_id,
            level=body.level,
            monthly_income_per_capita_fen=body.monthly_income_per_capita_fen,
            causes=tuple(body.causes) if body.causes else None,
            effective_on=body.effective_on,
        )

    return await _act(request, principal, container, key, "reverify", command)


@router.post("/{household_id}/exit", response_model=schemas.HouseholdOut)
async def exit_hardship(
    request: Request, household_id: UUID, body: schemas.ExitIn, principal: Writer,
    container: ContainerDep, key: IdempotencyKeyDep,
) -> Response:  # fmt: skip
    """解困脱困: the household left hardship; the file closes."""

    def command(root: UUID | None) -> Command:
        return commands.ExitFile(
            scope_root=root,
            household_id=household_id,
            reason=body.reason,
            effective_on=body.effective_on,
        )

    return await _act(request, principal, container, key, "exit", command)


@router.post("/{household_id}/cancel", response_model=schemas.HouseholdOut)
async def cancel(
    request: Request, household_id: UUID, body: schemas.CancelIn, principal: Writer,
    container: ContainerDep, key: IdempotencyKeyDep,
) -> Response:  # fmt: skip
    """注销: withdraw the file (wrongly filed, duplicate, deceased, moved away)."""

    def command(root: UUID | None) -> Command:
        return commands.CancelFile(
            scope_root=root,
            household_id=household_id,
            reason=body.reason,
            effective_on=body.effective_on,
        )

    return await _act(request, principal, container, key, "cancel", command)
