"""The indicators of one organisation (with its subtree) for one period, and rate formatting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID

CONTRACT_KINDS = ("comprehensive", "wage", "women")


def rate(numerator: int, denominator: int) -> Decimal | None:
    """``numerator ÷ denominator`` as a percentage with one decimal (四舍五入).

    Returns:
        None when ``denominator`` is 0: the rate is undefined, not zero.
    """
    if denominator == 0:
        return None
    percent = Decimal(numerator) * 100 / Decimal(denominator)
    return percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ContractFigures:
    """Collective contracts of one kind: in force at the stock date, and signed in the period."""

    in_force: int = 0
    employers_covered: int = 0
    workers_covered: int = 0
    signed_in_period: int = 0


@dataclass(frozen=True)
class Stock:
    """Figures as of one date (the period's end, or the requested as-of date).

    ``women_workers`` and ``migrant_workers`` sum the counts censuses gave; ``women_unknown``
    and ``migrant_unknown`` are the employers whose census left the count unknown.
    """

    employers: int
    workers: int
    women_workers: int
    migrant_workers: int
    covered_employers: int
    active_members: int
    retained_members: int
    women_unknown: int = 0
    migrant_unknown: int = 0

    @property
    def coverage_rate(self) -> Decimal | None:
        """建会率: covered employers ÷ employers."""
        return rate(self.covered_employers, self.employers)

    @property
    def membership_rate(self) -> Decimal | None:
        """入会率: active members ÷ census workers."""
        return rate(self.active_members, self.workers)


@dataclass(frozen=True)
class Flows:
    """What happened during the period, each fact counted where the tree stood on its day."""

    unions_founded: int
    members_admitted: int
    admitted_migrant: int
    admitted_female: int
    transfers_in: int
    transfers_out: int
    members_left: int


@dataclass(frozen=True)
class Indicators:
    """One organisation's report: stock at ``stock_date``, flows from ``date_from`` to it."""

    org_id: UUID
    name: str | None
    date_from: date
    stock_date: date
    stock: Stock
    flows: Flows
    contracts: dict[str, ContractFigures] = field(default_factory=dict)
