"""The steps of a case's lifecycle, one route each; an illegal step is a 422 problem naming
the field at fault (``status`` for a step the case's status does not allow), nothing written."""

from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Response
from shared.adapters import Connection

from disputes.entrypoints.api.cases import schemas
from disputes.entrypoints.api.cases.view import render_case
from disputes.entrypoints.api.deps import Commanding
from disputes.service_layer.cases import commands as c
from disputes.service_layer.commands import CommandResult

router = APIRouter(prefix="/api/v1/cases", tags=["案件 cases"])


async def _step(
    command: Commanding,
    make: type[c.CaseCommand],
    case_id: UUID,
    body: schemas.Body,
    action: str,
    **extra: Any,
) -> Response:
    """Run a step on the case and answer with the case as it now stands."""
    run = partial(make, case_id=case_id, by=command.principal.subject, **body.model_dump(), **extra)

    async def render(conn: Connection, result: CommandResult) -> schemas.CaseOut:
        cipher, who = command.container.cipher, command.principal
        return await render_case(conn, cipher, who, result.aggregate, action)

    return await command.run(run, render)


@router.post("/{case_id}/accept", response_model=schemas.CaseOut)
async def accept(case_id: UUID, body: schemas.AcceptIn, command: Commanding) -> Response:
    """受理: accept the case; the 15-day mediation period starts (due_on)."""
    return await _step(command, c.AcceptCase, case_id, body, "accept")


@router.post("/{case_id}/decline", response_model=schemas.CaseOut)
async def decline(case_id: UUID, body: schemas.DeclineIn, command: Commanding) -> Response:
    """不予受理, with its reason."""
    return await _step(command, c.DeclineCase, case_id, body, "decline")


@router.post("/{case_id}/mediator", response_model=schemas.CaseOut)
async def assign(case_id: UUID, body: schemas.MediatorIn, command: Commanding) -> Response:
    """指派调解员 of the organisation that handles the case."""
    return await _step(command, c.AssignMediator, case_id, body, "assign")


@router.post("/{case_id}/sessions", response_model=schemas.CaseOut)
async def schedule(case_id: UUID, body: schemas.SessionIn, command: Commanding) -> Response:
    """安排调解: schedule the next session."""
    return await _step(command, c.ScheduleSession, case_id, body, "schedule")


@router.post("/{case_id}/sessions/{session_no}/record", response_model=schemas.CaseOut)
async def record(
    case_id: UUID, session_no: int, body: schemas.SessionRecordIn, command: Commanding
) -> Response:
    """调解笔录: the session was held; who attended and the minutes (sealed)."""
    return await _step(command, c.HoldSession, case_id, body, "record", session_no=session_no)


@router.post("/{case_id}/extension", response_model=schemas.CaseOut)
async def extend(case_id: UUID, body: schemas.ExtensionIn, command: Commanding) -> Response:
    """延长调解期限: only when both parties agree (recorded), by at most 15 days."""
    return await _step(command, c.ExtendDeadline, case_id, body, "extend")


@router.post("/{case_id}/settlement", response_model=schemas.CaseOut)
async def settle(case_id: UUID, body: schemas.SettlementIn, command: Commanding) -> Response:
    """调解成功: the mediation agreement, confirmed by both parties."""
    return await _step(command, c.SettleCase, case_id, body, "settle")


@router.post("/{case_id}/failure", response_model=schemas.CaseOut)
async def fail(case_id: UUID, body: schemas.FailureIn, command: Commanding) -> Response:
    """调解不成, with its reason."""
    return await _step(command, c.FailCase, case_id, body, "fail")


@router.post("/{case_id}/transfer", response_model=schemas.CaseOut)
async def transfer(case_id: UUID, body: schemas.TransferIn, command: Commanding) -> Response:
    """移交: hand an open case to another mediation organisation (e.g. up to the street)."""
    return await _step(command, c.TransferCase, case_id, body, "transfer")


@router.post("/{case_id}/referral", response_model=schemas.CaseOut)
async def refer(case_id: UUID, body: schemas.ReferralIn, command: Commanding) -> Response:
    """转仲裁/诉讼: hand a failed case on with its package (published for the commission)."""
    return await _step(command, c.ReferCase, case_id, body, "refer")


@router.post("/{case_id}/arbitration-outcome", response_model=schemas.CaseOut)
async def award(case_id: UUID, body: schemas.AwardIn, command: Commanding) -> Response:
    """仲裁结果: the arbitration commission's outcome, recorded back on the case."""
    return await _step(command, c.RecordAward, case_id, body, "award")


@router.post("/{case_id}/recoveries", response_model=schemas.CaseOut)
async def recover(case_id: UUID, body: schemas.RecoveryIn, command: Commanding) -> Response:
    """追回金额: a payment under the agreement or award arrived."""
    return await _step(command, c.RecordRecovery, case_id, body, "recovery")


@router.post("/{case_id}/withdrawal", response_model=schemas.CaseOut)
async def withdraw(case_id: UUID, body: schemas.WithdrawalIn, command: Commanding) -> Response:
    """撤回: the applicant withdraws the case."""
    return await _step(command, c.WithdrawCase, case_id, body, "withdraw")


@router.post("/{case_id}/closure", response_model=schemas.CaseOut)
async def close(case_id: UUID, body: schemas.ClosureIn, command: Commanding) -> Response:
    """办结: close a settled, referred, withdrawn or declined case."""
    return await _step(command, c.CloseCase, case_id, body, "close")
