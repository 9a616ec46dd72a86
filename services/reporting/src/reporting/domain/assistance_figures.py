"""The hardship assistance indicators of one organisation (with its subtree) for one period.

Money is integer fen everywhere; :func:`yuan` turns it into yuan with two decimals for pages
and exports, through ``Decimal`` so no amount is ever rounded by a float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

LEVEL_LABELS = {"deep": "深度困难", "relative": "相对困难", "accident": "意外致困"}
PROGRAMME_LABELS = {
    "festival_consolation": "送温暖",
    "student_aid": "金秋助学",
    "medical_aid": "医疗救助",
    "emergency_relief": "临时救助",
    "summer_relief": "夏送清凉",
}
OCCASION_LABELS = {
    "hospital": "住院",
    "university_entry": "子女升学",
    "festival": "节日",
    "wedding": "婚嫁",
    "funeral": "丧事",
    "other": "其他",
}
LEVELS = tuple(LEVEL_LABELS)
PROGRAMMES = tuple(PROGRAMME_LABELS)
OCCASIONS = tuple(OCCASION_LABELS)
_CENT = Decimal("0.01")


def yuan(amount_fen: int) -> Decimal:
    """``amount_fen`` in yuan with exactly two decimals (1900000 → ``Decimal('19000.00')``)."""
    return (Decimal(amount_fen) / 100).quantize(_CENT)


def yuan_text(amount_fen: int) -> str:
    """Yuan for people: thousands separated, two decimals (``19,000.00``)."""
    return f"{yuan(amount_fen):,}"


@dataclass(frozen=True)
class HouseholdStock:
    """Households on file (在档) on the stock date, by level; ``temporary`` is a part of them."""

    on_file: int = 0
    deep: int = 0
    relative: int = 0
    accident: int = 0
    temporary: int = 0


@dataclass(frozen=True)
class HouseholdFlows:
    """Files opened (新建档), households out of hardship (解困脱困) and files cancelled."""

    filed: int = 0
    exited: int = 0
    cancelled: int = 0


@dataclass(frozen=True)
class ProgrammeFigures:
    """Aid paid under one programme: payments (帮扶人次) and their amount."""

    payments: int = 0
    amount_fen: int = 0


@dataclass(frozen=True)
class AidFigures:
    """Aid paid in the period, by programme (every programme present, zero when none), and
    whom it reached: ``people`` (帮扶人数: distinct households, or members paid without a file)
    and ``employers`` (涉及企业: distinct employers of those paid, where known)."""

    by_programme: dict[str, ProgrammeFigures] = field(
        default_factory=lambda: {programme: ProgrammeFigures() for programme in PROGRAMMES}
    )
    people: int = 0
    employers: int = 0

    @property
    def payments(self) -> int:
        """帮扶人次 of all programmes."""
        return sum(figures.payments for figures in self.by_programme.values())

    @property
    def amount_fen(self) -> int:
        """帮扶金额 of all programmes."""
        return sum(figures.amount_fen for figures in self.by_programme.values())


@dataclass(frozen=True)
class VisitFigures:
    """Visits (走访人次), the distinct households and employers (涉及企业) visited, visits by
    occasion, and ``people`` (走访人数: distinct households, or members visited without a file)."""

    visits: int = 0
    households: int = 0
    employers: int = 0
    by_occasion: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OCCASIONS, 0))
    people: int = 0


@dataclass(frozen=True)
class DonationFigures:
    """Donations received (募捐): receipts and amount."""

    receipts: int = 0
    amount_fen: int = 0


@dataclass(frozen=True)
class InsuranceFigures:
    """Mutual medical insurance: members enrolled (参保人数) and claims paid (报销)."""

    enrolled_members: int = 0
    enrolments: int = 0
    premium_fen: int = 0
    claims: int = 0
    claims_fen: int = 0


@dataclass(frozen=True)
class AssistanceFigures:
    """One organisation's assistance report: stock at ``stock_date``, flows from ``date_from``."""

    org_id: UUID
    name: str | None
    date_from: date
    stock_date: date
    households: HouseholdStock
    files: HouseholdFlows
    aid: AidFigures
    visits: VisitFigures
    donations: DonationFigures
    insurance: InsuranceFigures
