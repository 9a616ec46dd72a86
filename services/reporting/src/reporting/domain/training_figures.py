"""The training and employment indicators of one organisation (with its subtree) for one period.

Every figure is an integer count, 0 when nothing happened; the rates (attendance, still
employed at a follow-up) are one-decimal percentages, undefined (``None``) when nobody was
counted in their denominator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from reporting.domain.figures import rate

CLASS_KIND_LABELS = {
    "skills": "技能培训",
    "pre_job": "岗前培训",
    "reemployment": "再就业培训",
    "safety": "安全培训",
    "legal": "法律培训",
    "union_cadre": "工会干部培训",
    "women": "女职工培训",
    "other": "其他培训",
}
SEEKER_STATUS_LABELS = {
    "laid_off": "下岗失业人员",
    "migrant": "农民工",
    "graduate": "高校毕业生",
    "hardship": "困难职工",
    "other": "其他",
}
CLASS_KINDS = tuple(CLASS_KIND_LABELS)
SEEKER_STATUSES = tuple(SEEKER_STATUS_LABELS)
FOLLOW_UP_MONTHS = (3, 6)


@dataclass(frozen=True)
class CourseFigures:
    """Classes, seats, completions, certificates, competition entries and attendance.

    ``classes_by_kind`` counts the classes opened in the period and not cancelled by the stock
    date; ``seats_taken`` the seats taken in the period, ``withdrawn`` those of them given up by
    the stock date; ``issued`` the certificates issued in the period, ``revoked`` those of them
    revoked by the stock date.
    """

    classes_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASS_KINDS, 0))
    classes_cancelled: int = 0
    seats_taken: int = 0
    withdrawn: int = 0
    completed: int = 0
    issued: int = 0
    revoked: int = 0
    competition_entries: int = 0
    sessions: int = 0
    attended: int = 0
    expected: int = 0

    @property
    def classes(self) -> int:
        """培训期数: classes of every kind."""
        return sum(self.classes_by_kind.values())

    @property
    def trainees(self) -> int:
        """培训人次: seats taken minus those withdrawn."""
        return self.seats_taken - self.withdrawn

    @property
    def certified(self) -> int:
        """取证人次: certificates issued minus those revoked."""
        return self.issued - self.revoked

    @property
    def attendance_rate(self) -> Decimal | None:
        """出勤率: present or late ÷ expected at the sessions of the period."""
        return rate(self.attended, self.expected)


@dataclass(frozen=True)
class FollowUp:
    """Placements followed up after ``months`` months, and how many were still employed."""

    months: int
    followed: int = 0
    still_employed: int = 0

    @property
    def rate(self) -> Decimal | None:
        """Still employed ÷ followed up; None when nobody was followed up."""
        return rate(self.still_employed, self.followed)


@dataclass(frozen=True)
class EmploymentFigures:
    """Job fairs, postings, seekers registered, placements and their follow-ups."""

    fairs: int = 0
    fair_employers: int = 0
    fair_positions: int = 0
    fair_registered: int = 0
    fair_walk_ins: int = 0
    postings: int = 0
    posting_positions: int = 0
    seekers_by_status: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(SEEKER_STATUSES, 0)
    )
    placements: int = 0
    reemployed: int = 0
    follow_ups: tuple[FollowUp, FollowUp] = (FollowUp(3), FollowUp(6))

    @property
    def fair_seekers(self) -> int:
        """求职人数 at the fairs: registered seekers and walk-ins, each counted once."""
        return self.fair_registered + self.fair_walk_ins

    @property
    def registrations(self) -> int:
        """求职登记 of every status."""
        return sum(self.seekers_by_status.values())


@dataclass(frozen=True)
class TrainingFigures:
    """One organisation's training and employment report for ``date_from`` … ``stock_date``."""

    org_id: UUID
    name: str | None
    date_from: date
    stock_date: date
    courses: CourseFigures
    employment: EmploymentFigures
