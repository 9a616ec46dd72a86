"""The annual report's breakdowns: organisations by kind, committees in office, and collective
contracts by signing party (工会统计年报分项)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

SIGNING_PARTIES = ("own_union", "regional_union", "industry_union")
GRASSROOTS_MODES = ("single", "joint")


@dataclass(frozen=True)
class OrganisationCounts:
    """Organisations existing on the stock date (founded by then, not dissolved by then)."""

    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    grassroots_by_mode: dict[str, int] = field(default_factory=dict)
    """``single`` and ``joint``, and ``unknown`` for unions projected before modes were kept."""


@dataclass(frozen=True)
class CommitteeFigures:
    """Committees in office on the stock date and their members (counts only)."""

    committees: int = 0
    members: int = 0
    by_role: dict[str, int] = field(default_factory=dict)
    women: int = 0
    sex_recorded: int = 0
    full_time: int = 0


@dataclass(frozen=True)
class PartyFigures:
    """Collective contracts of one signing party, with the employers and workers they cover."""

    contracts: int = 0
    employers_covered: int = 0
    workers_covered: int = 0


@dataclass(frozen=True)
class Breakdowns:
    """One organisation's (with its subtree) breakdowns for a period and stock date."""

    org_id: UUID
    date_from: date
    stock_date: date
    organisations: OrganisationCounts
    committees: CommitteeFigures
    contracts_in_force: dict[str, PartyFigures]
    contracts_signed: dict[str, PartyFigures]
