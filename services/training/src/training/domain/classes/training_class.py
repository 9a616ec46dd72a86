"""培训班 (期): a class with its capacity, sessions, target groups and completion rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from shared.seedwork import Aggregate, DomainEvent, InvalidTransition, InvalidValue, RecordedEvent

from training.domain.codes import ClassKind, TargetGroup
from training.domain.dating import Dating

MAX_SESSIONS = 500
MAX_CAPACITY = 10_000


class ClassStatus(StrEnum):
    OPEN = "open"  # 报名/上课中
    FINISHED = "finished"  # 已结业
    CANCELLED = "cancelled"  # 已取消


@dataclass(frozen=True)
class CompletionRule:
    """结业条件: the share of sessions attended (present or late) and an assessment passed."""

    min_attendance_percent: int = 80
    assessment_required: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.min_attendance_percent <= 100:
            raise InvalidValue("出勤率要求须在0到100之间", field="min_attendance_percent")

    def is_met(self, attended: int, sessions: int, passed: bool | None) -> bool:
        """Whether a person who attended ``attended`` of ``sessions`` sessions completes."""
        if self.assessment_required and passed is not True:
            return False
        return attended * 100 >= self.min_attendance_percent * sessions


@dataclass(frozen=True)
class ClassOpened(DomainEvent):
    class_id: UUID
    org_id: UUID
    kind: ClassKind
    target_groups: tuple[TargetGroup, ...]
    capacity: int
    starts_on: date
    ends_on: date
    sessions_planned: int


@dataclass(frozen=True)
class ClassCancelled(DomainEvent):
    class_id: UUID
    org_id: UUID
    cancelled_on: date


@dataclass(frozen=True)
class SessionCounts:
    """One session's attendance as counts."""

    present: int
    late: int
    excused: int
    absent: int


@dataclass(frozen=True)
class AttendanceTaken(DomainEvent):
    class_id: UUID
    org_id: UUID
    session_no: int
    taken_on: date
    counts: SessionCounts


@dataclass(eq=False)
class TrainingClass(Aggregate):
    """A class; its seats are counted here, so the class row is the lock enrolments take."""

    id: UUID
    org_id: UUID
    title: str
    kind: ClassKind
    provider: str
    venue: str
    starts_on: date
    ends_on: date
    sessions_planned: int
    capacity: int
    target_groups: tuple[TargetGroup, ...]
    rule: CompletionRule
    status: ClassStatus = ClassStatus.OPEN
    seats_taken: int = 0
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def open(cls, **fields: object) -> TrainingClass:
        """开班: a class open for enrolment.

        Raises:
            InvalidValue: dates reversed, no target group, capacity or sessions out of range.
        """
        made = cls(**fields)  # type: ignore[arg-type]
        made._check()
        made._record(
            ClassOpened(
                made.id, made.org_id, made.kind, made.target_groups, made.capacity,
                made.starts_on, made.ends_on, made.sessions_planned,
            )
        )  # fmt: skip
        return made

    def _check(self) -> None:
        if self.ends_on < self.starts_on:
            raise InvalidValue("结束日期不能早于开始日期", field="ends_on")
        if not 1 <= self.capacity <= MAX_CAPACITY:
            raise InvalidValue(f"名额须在1到{MAX_CAPACITY}之间", field="capacity")
        if not 1 <= self.sessions_planned <= MAX_SESSIONS:
            raise InvalidValue(f"课次须在1到{MAX_SESSIONS}之间", field="sessions_planned")
        if not self.target_groups:
            raise InvalidValue("须至少指定一个培训对象", field="target_groups")

    def ensure_open(self) -> None:
        """Raises InvalidTransition unless the class is open."""
        if self.status != ClassStatus.OPEN:
            raise InvalidTransition("培训班已结业或已取消", field="class_id")

    def enrolment_day(self, on: date | None, dating: Dating) -> date:
        """报名日期: today unless given (a form filled on paper is entered later).

        Raises:
            InvalidValue: in the future, before the history limit, or after the class ended.
        """
        if on is None:
            return dating.today
        dating.check(on, field="enrolled_on", label="报名日期")
        if on > self.ends_on:
            raise InvalidValue("报名日期不能晚于培训班结束日期", field="enrolled_on")
        return on

    def completion_day(self, on: date | None, dating: Dating) -> date:
        """结业日期: today unless given (a class finished before it is entered).

        Raises:
            InvalidValue: in the future, before the history limit or before the class started.
        """
        return self._class_day(on, dating, "completed_on", "结业日期")

    def attendance_day(self, on: date | None, dating: Dating) -> date:
        """考勤日期: today unless given (a session's sheet entered after the session).

        Raises:
            InvalidValue: in the future, before the history limit or before the class started.
        """
        return self._class_day(on, dating, "taken_on", "考勤日期")

    def _class_day(self, on: date | None, dating: Dating, field: str, what: str) -> date:
        if on is None:
            return dating.today
        dating.check(on, field=field, label=what)
        if on < self.starts_on:
            raise InvalidValue(f"{what}不能早于开班日期", field=field)
        return on

    def take_seat(self) -> bool:
        """A seat for a new enrolment: True when one is free, False (wait list) when full."""
        self.ensure_open()
        if self.seats_taken >= self.capacity:
            return False
        self.seats_taken += 1
        self._touch()
        return True

    def free_seat(self) -> None:
        """A seat freed by a withdrawal."""
        self.seats_taken = max(0, self.seats_taken - 1)
        self._touch()

    def take_attendance(self, session_no: int, counts: SessionCounts, on: date) -> None:
        """考勤: the counts of one session (the newest replaces earlier ones downstream)."""
        self.ensure_open()
        self.ensure_session(session_no)
        self._record(AttendanceTaken(self.id, self.org_id, session_no, on, counts))

    def ensure_session(self, session_no: int) -> None:
        """Raises InvalidValue for a session number the class does not have."""
        if not 1 <= session_no <= self.sessions_planned:
            raise InvalidValue(f"课次须在1到{self.sessions_planned}之间", field="session_no")

    def cancel(self, on: date) -> None:
        """取消: the class will not run; its enrolments are withdrawn by the handler."""
        self.ensure_open()
        self.status = ClassStatus.CANCELLED
        self.seats_taken = 0
        self._record(ClassCancelled(self.id, self.org_id, on))

    def finish(self) -> None:
        """结业: attendance closes; each enrolment is judged by the rule."""
        self.ensure_open()
        self.status = ClassStatus.FINISHED
        self._touch()
