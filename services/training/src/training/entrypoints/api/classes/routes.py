"""培训班 classes: open, list, cancel, take attendance, complete."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response
from shared.adapters import Connection
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from training.adapters.classes import views
from training.domain.classes.training_class import ClassStatus
from training.domain.codes import ClassKind
from training.entrypoints.api.classes import schemas as s
from training.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from training.service_layer.classes import commands
from training.service_layer.commands import CommandResult

router = APIRouter(prefix="/api/v1/classes", tags=["培训班 classes"])
SessionNo = Annotated[int, Path(ge=1, le=500, description="课次")]


async def render_class(conn: Connection, result: CommandResult) -> s.ClassOut | None:
    row = await views.one_class(conn, "/", result.aggregate_id)
    return s.class_out(row) if row else None


@router.post("", status_code=201, response_model=s.ClassOut)
async def open_class(body: s.ClassIn, command: Commanding) -> Response:
    """开班: open a class for enrolment."""
    fields = body.model_dump()
    fields["target_groups"] = tuple(fields["target_groups"])
    make = partial(commands.OpenClass, **fields)
    return await command.run(make, render_class, status=201, location="/api/v1/classes/{id}")


@router.get("", response_model=Page[s.ClassOut])
async def list_classes(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    kind: ClassKind | None = None,
    status: ClassStatus | None = None,
    since: Annotated[date | None, Query(description="开班日期起（含）")] = None,
    until: Annotated[date | None, Query(description="开班日期止（含）")] = None,
) -> Page[s.ClassOut]:
    """List the classes in the caller's subtree, latest first."""
    filters = views.ClassFilters(kind, status, since, until)
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        rows, total = await views.list_classes(
            conn, scope, filters, limit=paging.limit, offset=paging.offset
        )
    return paging.page([s.class_out(r) for r in rows], total)


@router.get("/{class_id}", response_model=s.ClassOut)
async def get_class(class_id: UUID, principal: Reader, container: ContainerDep) -> s.ClassOut:
    """One class with its seats taken and its waiting list."""
    async with container.pool.acquire() as conn:
        row = await views.one_class(conn, await scope_path(conn, principal), class_id)
    if row is None:
        raise not_found("培训班")
    return s.class_out(row)


@router.post("/{class_id}/cancel", response_model=s.ClassOut)
async def cancel_class(class_id: UUID, command: Commanding) -> Response:
    """取消培训班: the class will not run; its enrolments are withdrawn."""
    return await command.run(partial(commands.CancelClass, class_id=class_id), render_class)


@router.put("/{class_id}/sessions/{session_no}/attendance", response_model=s.SessionOut)
async def mark_attendance(
    class_id: UUID, session_no: SessionNo, body: s.AttendanceIn, command: Commanding
) -> Response:
    """考勤: marks of one session, for one person or many (a later mark replaces an earlier), dated taken_on or today."""
    marks = tuple((m.enrolment_id, m.mark.value) for m in body.marks)
    make = partial(commands.MarkAttendance, class_id=class_id, session_no=session_no,
                   marks=marks, taken_on=body.taken_on)  # fmt: skip

    async def render(conn: Connection, _: CommandResult) -> s.SessionOut:
        return await session_out(conn, class_id, session_no)

    return await command.run(make, render)


async def session_out(conn: Connection, class_id: UUID, session_no: int) -> s.SessionOut:
    rows = await views.attendance_of(conn, class_id, session_no)
    marks = [s.MarkIn(enrolment_id=r["enrolment_id"], mark=r["mark"]) for r in rows]
    counts = {
        mark: sum(1 for m in marks if m.mark == mark)
        for mark in ("present", "late", "excused", "absent")
    }
    return s.SessionOut(class_id=class_id, session_no=session_no, marks=marks, **counts)


@router.get("/{class_id}/sessions/{session_no}/attendance", response_model=s.SessionOut)
async def get_attendance(
    class_id: UUID, session_no: SessionNo, principal: Reader, container: ContainerDep
) -> s.SessionOut:
    """The marks of one session."""
    async with container.pool.acquire() as conn:
        if await views.one_class(conn, await scope_path(conn, principal), class_id) is None:
            raise not_found("培训班")
        return await session_out(conn, class_id, session_no)


@router.post("/{class_id}/complete", response_model=s.CompletionOut)
async def complete_class(
    class_id: UUID, command: Commanding, body: s.CompleteIn | None = None
) -> Response:
    """结业: each enrolled person completes by the class's rule and gets a certificate."""

    async def render(conn: Connection, result: CommandResult) -> s.CompletionOut:
        counts = await views.completion_counts(conn, result.aggregate_id)
        return s.CompletionOut(class_id=result.aggregate_id, status="finished", **counts)

    on = body.completed_on if body else None
    make = partial(commands.CompleteClass, class_id=class_id, completed_on=on)
    return await command.run(make, render)
