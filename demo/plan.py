"""What the demo creates, decided up front from a seed: no I/O, so it is testable and repeatable.

Every date is on or before ``LAST_DAY`` (the end of 2025), so the stock on that day is the
final state the loader leaves behind and the figures of ``PERIOD`` can be told in advance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from demo import names

PERIOD = "2025H2"
FIRST_DAY = date(2024, 1, 1)
PERIOD_START = date(2025, 7, 1)
LAST_DAY = date(2025, 12, 31)
DEFAULT_SEED = 20251231


@dataclass(frozen=True)
class Size:
    """How much to create: employers and members (roughly; whole people per employer)."""

    employers: int = 300
    members: int = 3000
    seed: int = DEFAULT_SEED


@dataclass(frozen=True)
class OrgPlan:
    key: str
    kind: str
    name: str
    parent_key: str | None
    founded_on: date
    grassroots_mode: str | None = None


@dataclass(frozen=True)
class Census:
    workers: int
    women: int
    migrant_workers: int
    effective_on: date


@dataclass
class EmployerPlan:
    key: str
    uscc: str
    name: str
    registration_type: str
    industry: str
    territory_key: str
    censuses: list[Census]
    union_key: str | None = None
    covered_on: date | None = None

    def census_on(self, day: date) -> Census:
        """The latest census effective on ``day``, else the first one (it predates the demo)."""
        return [self.censuses[0], *(c for c in self.censuses[1:] if c.effective_on <= day)][-1]


@dataclass(frozen=True)
class MemberPlan:
    index: int
    name: str
    id_number: str
    mobile: str
    agricultural: bool
    female: bool
    employer_key: str
    union_key: str
    joined_on: date


@dataclass(frozen=True)
class Movement:
    """A transfer, a departure or a retention of one member."""

    member: int
    action: str  # transfer | leave | retain
    reason: str
    effective_on: date
    to_union_key: str | None = None
    new_employer_key: str | None = None


@dataclass(frozen=True)
class ContractPlan:
    kind: str
    union_key: str
    employer_keys: tuple[str, ...]
    workers_covered: int
    signed_on: date
    starts_on: date
    ends_on: date


@dataclass
class Plan:
    size: Size
    orgs: list[OrgPlan] = field(default_factory=list)
    employers: list[EmployerPlan] = field(default_factory=list)
    members: list[MemberPlan] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)
    contracts: list[ContractPlan] = field(default_factory=list)

    def org(self, key: str) -> OrgPlan:
        return next(o for o in self.orgs if o.key == key)

    @property
    def unions(self) -> list[OrgPlan]:
        return [o for o in self.orgs if o.kind == "grassroots_union"]


def random_day(rng: random.Random, first: date, last: date) -> date:
    """A day from ``first`` to ``last``, both included (``first`` when they cross)."""
    span = (last - first).days
    return first + timedelta(days=rng.randint(0, span)) if span > 0 else first


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def federations(employers: int) -> list[OrgPlan]:
    """City → district → street, with 4–6 communities, one building and one industry federation."""
    communities = min(len(names.COMMUNITIES), max(4, employers // 50))
    tree = [
        OrgPlan("city", "city_federation", names.CITY, None, date(1950, 3, 1)),
        OrgPlan("district", "district_federation", names.DISTRICT, "city", date(1955, 6, 1)),
        OrgPlan("street", "street_federation", names.STREET, "district", date(1986, 5, 1)),
    ]
    for number, name in enumerate(names.COMMUNITIES[:communities]):
        founded = date(2004 + 2 * number, 3 + number, 8)
        tree.append(OrgPlan(f"community-{number}", "community_federation", name, "street", founded))
    tree.append(
        OrgPlan("building", "building_federation", names.BUILDING, "street", date(2016, 5, 1))
    )
    tree.append(
        OrgPlan("industry", "industry_federation", names.INDUSTRY, "street", date(2018, 9, 1))
    )
    return tree
