"""报名 enrolments: enrol (a seat or the waiting list), list, withdraw, record an assessment."""

from __future__ import annotations

from functools import partial
from uuid import UUID

from fastapi import APIRouter, Response
from shared.adapters import Connection
from shared.http.commanding import Render
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from training.adapters.classes import views
from training.domain.classes.enrolment import EnrolmentStatus
from training.entrypoints.api.classes import schemas as s
from training.entrypoints.api.deps import (
    Commanding,
    ContainerDep,
    Reader,
    RevealQuery,
    may_reveal,
    scope_path,
)
from training.service_layer.classes import commands
from training.service_layer.commands import CommandResult

router = APIRouter(tags=["报名 enrolments"])


def renderer(command: Commanding) -> Render:
    """The enrolment as its command answers it (masked: stored responses are sealed too)."""

    async def render(conn: Connection, result: CommandResult) -> s.EnrolmentOut | None:
        row = await views.one_enrolment(conn, result.aggregate_id)
        return s.enrolment_out(row, command.container.cipher, reveal=False) if row else None

    return render


@router.post(
    "/api/v1/classes/{class_id}/enrolments", status_code=201, response_model=s.EnrolmentOut
)
async def enrol(class_id: UUID, body: s.EnrolIn, command: Commanding) -> Response:
    """报名: a seat when one is free, else the waiting list (status tells which)."""
    make = partial(
        commands.Enrol,
        class_id=class_id,
        person=body.person.details(),
        enrolled_on=body.enrolled_on,
        entered_by=command.principal.subject,
    )
    location = "/api/v1/enrolments/{id}"
    return await command.run(make, renderer(command), status=201, location=location)


@router.get("/api/v1/classes/{class_id}/enrolments", response_model=Page[s.EnrolmentOut])
async def list_enrolments(
    class_id: UUID,
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    status: EnrolmentStatus | None = None,
    reveal: RevealQuery = False,
) -> Page[s.EnrolmentOut]:
    """A class's enrolments in order of request (names masked unless revealed)."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        rows, total = await views.list_enrolments(
            conn, scope, class_id, status, limit=paging.limit, offset=paging.offset
        )
    shown = may_reveal(principal, reveal)
    return paging.page([s.enrolment_out(r, container.cipher, reveal=shown) for r in rows], total)


@router.get("/api/v1/enrolments/{enrolment_id}", response_model=s.EnrolmentOut)
async def get_enrolment(
    enrolment_id: UUID, principal: Reader, container: ContainerDep, reveal: RevealQuery = False
) -> s.EnrolmentOut:
    """One enrolment (masked unless revealed)."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        row = await views.one_enrolment(conn, enrolment_id)
        visible = row is not None and await views.org_in_scope(conn, scope, row["org_id"])
    if row is None or not visible:
        raise not_found("报名记录")
    return s.enrolment_out(row, container.cipher, reveal=may_reveal(principal, reveal))


@router.post("/api/v1/enrolments/{enrolment_id}/withdraw", response_model=s.EnrolmentOut)
async def withdraw(enrolment_id: UUID, body: s.WithdrawIn, command: Commanding) -> Response:
    """退班: leave the class or its waiting list; a freed seat goes to the first waiting."""
    make = partial(commands.Withdraw, enrolment_id=enrolment_id, reason=body.reason.value)
    return await command.run(make, renderer(command))


@router.post("/api/v1/enrolments/{enrolment_id}/assessment", response_model=s.EnrolmentOut)
async def record_assessment(
    enrolment_id: UUID, body: s.AssessmentIn, command: Commanding
) -> Response:
    """考核: record whether the person passed the class's assessment."""
    make = partial(commands.RecordAssessment, enrolment_id=enrolment_id, passed=body.passed)
    return await command.run(make, renderer(command))
