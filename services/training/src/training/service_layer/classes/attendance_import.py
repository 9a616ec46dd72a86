"""Attendance from a sign-in sheet: each row checked on its own, the good ones applied chunk
by chunk (one transaction each, through the same command as marks entered one by one), the
job's progress and per-row errors written as it goes.

An error names the row and the column, never the value: the job row holds no personal data.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from shared.identifiers import InvalidIdentifier, validate_id_number
from shared.seedwork import DomainError

from training.domain.codes import MARK_LABELS, Mark
from training.service_layer.classes.commands import MarkAttendance
from training.service_layer.handlers import handle

MAX_ERRORS_KEPT = 1000


class Line(Protocol):
    """A row of the sheet: its number as the user sees it, the ID number and the mark."""

    @property
    def row(self) -> int: ...

    @property
    def id_number(self) -> str: ...

    @property
    def mark(self) -> str: ...


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class ImportJob:
    job_id: UUID
    class_id: UUID
    session_no: int
    scope_root: UUID | None


class ImportProgress(abc.ABC):
    """Where the job's progress goes, and who is seated in the class."""

    @abc.abstractmethod
    async def seated_by_index(self, class_id: UUID) -> dict[str, UUID]:
        """Blind index of each seated person's ID number → their enrolment."""

    @abc.abstractmethod
    async def advance(
        self,
        job_id: UUID,
        *,
        processed: int,
        imported: int,
        failed: int,
        errors: Sequence[RowError],
    ) -> None:
        """Add to the counts and errors (the job runs)."""

    @abc.abstractmethod
    async def finish(self, job_id: UUID, *, failure: str | None) -> None:
        """Completed, or failed with a reason (in Chinese)."""


def check_rows(
    lines: Sequence[Line], seated: Mapping[str, UUID], index: Callable[[str], str], today: date
) -> tuple[list[tuple[UUID, Mark]], list[RowError]]:
    """The marks to apply and the rows refused, each with why."""
    marks: list[tuple[UUID, Mark]] = []
    errors: list[RowError] = []
    seen: set[UUID] = set()
    for line in lines:
        try:
            enrolment_id, mark = _check(line, seated, index, today)
        except _Refused as refused:
            errors.append(RowError(line.row, refused.column, refused.message))
            continue
        if enrolment_id in seen:
            errors.append(RowError(line.row, "身份证号", "同一学员在表中出现多次，只计第一次"))
            continue
        seen.add(enrolment_id)
        marks.append((enrolment_id, mark))
    return marks, errors


class _Refused(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def _check(
    line: Line, seated: Mapping[str, UUID], index: Callable[[str], str], today: date
) -> tuple[UUID, Mark]:
    try:
        id_number = validate_id_number(line.id_number, today=today).value
    except InvalidIdentifier as error:
        raise _Refused("身份证号", error.message) from None
    mark = MARK_LABELS.get(line.mark.strip())
    if mark is None:
        raise _Refused("考勤", "考勤应为 出勤、缺勤、迟到 或 请假")
    enrolment_id = seated.get(index(id_number))
    if enrolment_id is None:
        raise _Refused("身份证号", "此人不是本班在班学员")
    return enrolment_id, mark


async def import_attendance(
    job: ImportJob,
    lines: Sequence[Line],
    progress: ImportProgress,
    make_uow: Callable[[], Any],
    *,
    chunk_rows: int,
) -> None:
    """Run one import to its end; a refused command fails the job with its message."""
    uow = make_uow()
    seated = await progress.seated_by_index(job.class_id)
    marks, errors = check_rows(lines, seated, uow.protector.blind_index, uow.today())
    await progress.advance(
        job.job_id, processed=len(errors), imported=0, failed=len(errors),
        errors=errors[:MAX_ERRORS_KEPT],
    )  # fmt: skip
    try:
        for start in range(0, len(marks), chunk_rows):
            chunk = tuple((e, m.value) for e, m in marks[start : start + chunk_rows])
            command = MarkAttendance(
                scope_root=job.scope_root, class_id=job.class_id, session_no=job.session_no,
                marks=chunk,
            )  # fmt: skip
            await handle(command, make_uow())
            await progress.advance(
                job.job_id, processed=len(chunk), imported=len(chunk), failed=0, errors=()
            )
    except DomainError as error:
        await progress.finish(job.job_id, failure=error.message)
        return
    await progress.finish(job.job_id, failure=None)
