"""A year of hardship assistance for the demo street, decided up front: no I/O, so it is testable.

The year is the current one (2026 when this was written) up to ``today``: households are filed
from January, the Spring Festival batch is paid the week before the festival, 金秋助学 at the
end of August, and so on. Whatever would fall after ``today`` is left out of the plan, so the
loader never dates anything in the future and the figures can be told in advance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from demo.plan import MemberPlan

YUAN = 100
"""Fen per yuan: every amount is integer fen."""

SPRING_FESTIVALS = {
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
}
"""春节 of the years the demo may run in; another year falls back to 1 February."""

BUDGETS_YUAN = {
    "festival_consolation": 120_000,
    "student_aid": 60_000,
    "medical_aid": 200_000,
    "emergency_relief": 50_000,
    "summer_relief": 30_000,
}
"""The street's yearly budget of each programme (送温暖、金秋助学、医疗救助、临时救助、夏送清凉)."""

FESTIVAL_GIFT_FEN = 500 * YUAN
STUDENT_GRANT_FEN = 2_000 * YUAN
SUMMER_RELIEF_FEN = 300 * YUAN
PREMIUM_FEN = 50 * YUAN
"""职工互助医疗保障: the yearly premium of one member."""


def spring_festival(year: int) -> date:
    """The day of 春节 in ``year``."""
    return SPRING_FESTIVALS.get(year, date(year, 2, 1))


def festival_paid_on(year: int) -> date:
    """送温暖 is paid about ten days before the festival."""
    return spring_festival(year) - timedelta(days=10)


def festival_cutoff(year: int) -> date:
    """The last filing day of the households the Spring Festival batch lists (end of January)."""
    return min(date(year, 1, 31), festival_paid_on(year) - timedelta(days=5))


@dataclass(frozen=True)
class Relative:
    """A family member of a household: relation code, name, ID number when they have one."""

    relation: str
    name: str
    id_number: str | None = None


@dataclass(frozen=True)
class Closing:
    """How a file leaves: ``exit`` (解困脱困) or ``cancel`` (注销), with the reason code."""

    action: str
    reason: str
    on: date


@dataclass(frozen=True)
class HouseholdPlan:
    """One hardship file; ``key`` is its position in the plan, ``head`` an active member."""

    key: int
    head: MemberPlan
    level: str
    causes: tuple[str, ...]
    income_fen: int
    family: tuple[Relative, ...]
    address: str
    filed_on: date
    temporary: bool = False
    formalised_on: date | None = None
    returned_note: str | None = None
    """When set, the file is returned once for completion (退回补充) before it is filed."""
    closing: Closing | None = None
    university_entrant: bool = False

    @property
    def employer_key(self) -> str:
        return self.head.employer_key


@dataclass(frozen=True)
class BatchPlan:
    """A payment batch: a fixed amount to each listed household, paid on ``paid_on``."""

    programme: str
    amount_fen: int
    method: str
    paid_on: date
    households: tuple[int, ...]


@dataclass(frozen=True)
class VisitPlan:
    household: int
    occasion: str
    visited_on: date
    note: str


@dataclass(frozen=True)
class ApplicationPlan:
    """An application taken through the approval chain today; approved or rejected at review."""

    household: int
    programme: str
    requested_fen: int
    approved_fen: int | None
    rejection_reason: str | None = None
    note: str = ""
    """The household's circumstances, as the grassroots opinion states them."""


@dataclass(frozen=True)
class ReceiptPlan:
    amount_fen: int
    donor_kind: str
    received_on: date
    donor_name: str | None = None


@dataclass(frozen=True)
class CampaignPlan:
    name: str
    opens_on: date
    closes_on: date
    target_fen: int
    receipts: tuple[ReceiptPlan, ...]


@dataclass(frozen=True)
class EnrolmentPlan:
    member: MemberPlan
    premium_fen: int
    enrolled_on: date


@dataclass(frozen=True)
class ClaimPlan:
    """A claim paid on the enrolment of ``member`` (one enrolment per member and year)."""

    member: MemberPlan
    kind: str
    amount_fen: int
    paid_on: date


@dataclass
class AssistancePlan:
    """Everything the assistance part of the demo creates, as of ``today``."""

    year: int
    today: date
    budgets: dict[str, int] = field(default_factory=dict)
    households: list[HouseholdPlan] = field(default_factory=list)
    batches: list[BatchPlan] = field(default_factory=list)
    visits: list[VisitPlan] = field(default_factory=list)
    applications: list[ApplicationPlan] = field(default_factory=list)
    campaign: CampaignPlan | None = None
    enrolments: list[EnrolmentPlan] = field(default_factory=list)
    claims: list[ClaimPlan] = field(default_factory=list)

    @property
    def period(self) -> str:
        """The reporting period of the year (``2026``)."""
        return str(self.year)

    def household(self, key: int) -> HouseholdPlan:
        return next(h for h in self.households if h.key == key)
