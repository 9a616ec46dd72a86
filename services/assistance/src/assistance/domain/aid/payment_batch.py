"""节日慰问批量发放: a festival campaign pays a fixed amount to many households at once.

The batch lists its households as items when created; a background job then pays them chunk
by chunk. An item is paid at most once (one payment per batch and household), or skipped with
a reason: not on file (any more), outside the budget organisation's territory, or the budget
exhausted. The budget pays directly (no reservation), never beyond its available amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from shared.seedwork import Aggregate, InvalidValue, RecordedEvent

from assistance.domain.aid.budget import ensure_programme
from assistance.domain.aid.codes import PaymentMethod, Programme
from assistance.domain.aid.payment import ensure_method
from assistance.domain.amounts import ensure_amount, ensure_year
from assistance.domain.history import Dating
from assistance.domain.households.codes import HARDSHIP_LEVELS


class BatchStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"


class ItemStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    SKIPPED = "skipped"


class SkipReason(StrEnum):
    NOT_ON_FILE = "not_on_file"
    OUTSIDE_BUDGET_ORG = "outside_budget_org"
    BUDGET_EXHAUSTED = "budget_exhausted"

    @property
    def label(self) -> str:
        """The Chinese explanation of the skip."""
        return SKIP_LABELS[self]


SKIP_LABELS: dict[SkipReason, str] = {
    SkipReason.NOT_ON_FILE: "不在档",
    SkipReason.OUTSIDE_BUDGET_ORG: "不在预算组织辖区内",
    SkipReason.BUDGET_EXHAUSTED: "预算已用完",
}
MAX_LISTED_HOUSEHOLDS = 50_000


@dataclass(frozen=True)
class Selection:
    """Which households: those on file within ``org_id``'s subtree (optionally of some levels),
    or an explicit list of household ids — exactly one of the two."""

    org_id: UUID | None = None
    levels: tuple[str, ...] = ()
    household_ids: tuple[UUID, ...] = ()

    @classmethod
    def of(
        cls, *, org_id: UUID | None, levels: Sequence[str], household_ids: Sequence[UUID]
    ) -> Selection:
        """Validate a selection; a household listed twice is listed once.

        Raises:
            InvalidValue: both or neither of org and list, an unknown level, a list too long.
        """
        if (org_id is None) == (not household_ids):
            raise InvalidValue("须二选一：按组织选取在档困难户，或列出困难户", field="selection")
        if household_ids and levels:
            raise InvalidValue("列出困难户时不能再按困难类别筛选", field="selection.levels")
        unknown = [level for level in levels if level not in HARDSHIP_LEVELS]
        if unknown:
            raise InvalidValue(
                "困难类别代码无效：" + "、".join(HARDSHIP_LEVELS), field="selection.levels"
            )
        if len(household_ids) > MAX_LISTED_HOUSEHOLDS:
            raise InvalidValue(
                f"一次最多列出 {MAX_LISTED_HOUSEHOLDS} 户", field="selection.household_ids"
            )
        distinct = tuple(dict.fromkeys(household_ids))
        return cls(org_id=org_id, levels=tuple(dict.fromkeys(levels)), household_ids=distinct)


def batch_pay_day(paid_on: date, *, year: int, dating: Dating) -> date:
    """The day a batch pays on: within the history window, and in the budget's own year.

    As an approval dated in a year reserves from that year's budget, a batch paid on a day of
    a year pays from that year's budget, so last year's festival entered today is last year's.

    Raises:
        InvalidValue: after today, before the history limit, or outside the budget year.
    """
    day = dating.check(paid_on, field="paid_on", label="发放日期")
    if day.year != year:
        raise InvalidValue(
            f"发放日期 {day.isoformat()} 不在预算年度 {year} 年内：批量发放使用发放当年的预算",
            field="paid_on",
        )
    return day


@dataclass(eq=False)
class PaymentBatch(Aggregate):
    """One batch; its progress counters live with its items (updated chunk by chunk)."""

    id: UUID
    programme: Programme
    year: int
    budget_id: UUID
    budget_org_id: UUID
    amount_fen: int
    method: PaymentMethod
    paid_on: date
    selection: Selection
    created_by: str
    created_on: date
    status: BatchStatus = BatchStatus.RUNNING
    total: int = 0
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        *,
        batch_id: UUID,
        programme: str,
        year: int,
        budget_id: UUID,
        budget_org_id: UUID,
        amount_fen: int,
        method: str,
        paid_on: date,
        selection: Selection,
        created_by: str,
        today: date,
        dating: Dating | None = None,
    ) -> PaymentBatch:
        """A new batch (its items are listed by the repository from the selection).

        Raises:
            InvalidValue: unknown programme or method, bad year or amount, a payment date after
                today, before the history limit or outside the budget year.
        """
        budget_year = ensure_year(year)
        batch = cls(
            id=batch_id,
            programme=ensure_programme(programme),
            year=budget_year,
            budget_id=budget_id,
            budget_org_id=budget_org_id,
            amount_fen=ensure_amount(amount_fen, field="amount_fen", label="每户金额"),
            method=ensure_method(method),
            paid_on=batch_pay_day(paid_on, year=budget_year, dating=dating or Dating(today)),
            selection=selection,
            created_by=created_by,
            created_on=today,
        )
        batch._touch()
        return batch

    @property
    def is_completed(self) -> bool:
        """Every item is paid or skipped: no job has anything left to do."""
        return self.status == BatchStatus.COMPLETED

    def listed(self, count: int) -> None:
        """Record how many households the selection listed.

        Raises:
            InvalidValue: it listed none (nothing to pay).
        """
        if count == 0:
            raise InvalidValue("所选范围内没有在档困难户", field="selection")
        self.total = count


@dataclass(frozen=True)
class Candidate:
    """A pending item with what the job found about its household just now."""

    household_id: UUID
    on_file: bool
    within_budget_org: bool
    org_id: UUID | None = None
    head_member_id: UUID | None = None
    employer_id: UUID | None = None


@dataclass(frozen=True)
class ItemOutcome:
    """What became of one item: paid, or skipped with a reason."""

    candidate: Candidate
    status: ItemStatus
    reason: SkipReason | None = None

    @property
    def is_paid(self) -> bool:
        """The household is paid by this chunk (else it is skipped, with the reason)."""
        return self.status == ItemStatus.PAID


def ineligibility(candidate: Candidate) -> SkipReason | None:
    """Why a household cannot be paid by the batch, or ``None`` when it can."""
    if not candidate.on_file:
        return SkipReason.NOT_ON_FILE
    if not candidate.within_budget_org:
        return SkipReason.OUTSIDE_BUDGET_ORG
    return None


def eligible(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates the batch may pay, in order."""
    return [candidate for candidate in candidates if ineligibility(candidate) is None]


def decide_items(candidates: Sequence[Candidate], payable: int) -> list[ItemOutcome]:
    """Pay the first ``payable`` eligible candidates; skip the rest with their reason.

    ``payable`` is what the budget granted for this chunk (at most the eligible count).
    """
    outcomes: list[ItemOutcome] = []
    granted = payable
    for candidate in candidates:
        reason = ineligibility(candidate)
        if reason is None and granted > 0:
            outcomes.append(ItemOutcome(candidate, ItemStatus.PAID))
            granted -= 1
        else:
            outcomes.append(
                ItemOutcome(candidate, ItemStatus.SKIPPED, reason or SkipReason.BUDGET_EXHAUSTED)
            )
    return outcomes


def percent_done(total: int, done: int) -> float:
    """Progress with one decimal; an empty batch is complete."""
    return 100.0 if total == 0 else round(100 * done / total, 1)
