"""Commands on classes, enrolments, attendance, completion and certificates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from training.service_layer.commands import Command
from training.service_layer.people import PersonDetails


@dataclass(frozen=True, kw_only=True)
class OpenClass(Command):
    """开班."""

    org_id: UUID
    title: str
    kind: str
    provider: str
    venue: str
    starts_on: date
    ends_on: date
    sessions_planned: int
    capacity: int
    target_groups: tuple[str, ...]
    min_attendance_percent: int = 80
    assessment_required: bool = False
    class_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class CancelClass(Command):
    """取消培训班: its enrolments are withdrawn."""

    class_id: UUID


@dataclass(frozen=True, kw_only=True)
class Enrol(Command):
    """报名: a seat when one is free, else the waiting list."""

    class_id: UUID
    person: PersonDetails
    enrolled_on: date | None = None
    entered_by: str | None = None
    """Who enters the form (the token's subject): kept beside the day it was entered."""
    enrolment_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class Withdraw(Command):
    """退班: a freed seat goes to the first on the waiting list."""

    enrolment_id: UUID
    reason: str


@dataclass(frozen=True, kw_only=True)
class MarkAttendance(Command):
    """考勤: marks of one session (one person or a whole sheet)."""

    class_id: UUID
    session_no: int
    marks: tuple[tuple[UUID, str], ...]
    taken_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class RecordAssessment(Command):
    """考核结果."""

    enrolment_id: UUID
    passed: bool


@dataclass(frozen=True, kw_only=True)
class CompleteClass(Command):
    """结业: each enrolled person completes by the class's rule; certificates are issued."""

    class_id: UUID
    completed_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class RevokeCertificate(Command):
    """撤销证书."""

    certificate_id: UUID
    reason: str
