"""A cell's figure, read from the figures the existing statistics compute.

The adapters read :class:`AnnualSources` through the same query functions as the statistics
routes; this module only picks the figure an indicator names out of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reporting.domain.annual_report import UNKNOWN, AnnualTable, Indicator
from reporting.domain.assistance_figures import AssistanceFigures, yuan
from reporting.domain.breakdowns import Breakdowns, PartyFigures
from reporting.domain.dispute_figures import DisputeFigures
from reporting.domain.employer_breakdown import Cell, EmployerFigures, in_scope
from reporting.domain.figures import Indicators
from reporting.domain.training_figures import TrainingFigures

PROFILE_MEASURES = frozenset(
    {"active_female", "active_sex_unknown", "active_migrant", "active_migrant_unknown"}
)
"""Members at the stock date by sex and 农民工 status, known or not: counted from the members'
periods, since the totals do not keep them."""
Figure = int | Decimal | None
"""A count or sum, a rate (None when undefined), or yuan with two decimals."""


@dataclass(frozen=True)
class AnnualSources:
    """What the existing statistics answered for one organisation and year; what a table
    does not need is left None."""

    breakdowns: Breakdowns | None = None
    employer_cells: list[Cell] | None = None
    members: Indicators | None = None
    own_members: Indicators | None = None
    assistance: AssistanceFigures | None = None
    member_profile: dict[str, int] | None = None
    disputes: DisputeFigures | None = None
    training: TrainingFigures | None = None


def figure(indicator: Indicator, sources: AnnualSources) -> Figure:
    """The figure ``indicator`` names, from ``sources``."""
    reader = _READERS[indicator.source]
    return reader(indicator, sources)


def table_figures(table: AnnualTable, sources: AnnualSources) -> dict[str, Figure]:
    """Every cell's figure by cell key."""
    return {cell.key: figure(cell.indicator, sources) for cell in table.cells}


def _organisations(indicator: Indicator, sources: AnnualSources) -> Figure:
    assert sources.breakdowns is not None
    counts = sources.breakdowns.organisations
    mode, kind = indicator.filter("mode"), indicator.filter("kind")
    if mode is not None:
        return counts.grassroots_by_mode.get(str(mode), 0)
    return counts.total if kind is None else counts.by_kind.get(str(kind), 0)


def _committees(indicator: Indicator, sources: AnnualSources) -> Figure:
    assert sources.breakdowns is not None
    committees = sources.breakdowns.committees
    return committees.members if indicator.measure == "members_seated" else committees.committees


def _contracts(indicator: Indicator, sources: AnnualSources) -> Figure:
    assert sources.breakdowns is not None
    found = sources.breakdowns
    by_party = found.contracts_in_force
    if indicator.source == "contracts_signed":
        by_party = found.contracts_signed
    party = indicator.filter("party")
    chosen = (
        list(by_party.values()) if party is None else [by_party.get(str(party), PartyFigures())]
    )
    return sum(int(getattr(figures, indicator.measure)) for figures in chosen)


def _employers(indicator: Indicator, sources: AnnualSources) -> Figure:
    assert sources.employer_cells is not None
    chosen = [c for c in sources.employer_cells if _employer_cell_passes(c, indicator)]
    summed = sum((c.figures for c in chosen), EmployerFigures())
    value: Figure = getattr(summed, indicator.measure)
    return value


def _employer_cell_passes(cell: Cell, indicator: Indicator) -> bool:
    if indicator.filter("scope") == "enterprises" and not in_scope(cell, "enterprises"):
        return False
    wanted_class = indicator.filter("ownership_class")
    if wanted_class is not None and (cell.ownership_class or UNKNOWN) != wanted_class:
        return False
    band = indicator.filter("band")
    if band is None:
        return True
    return (UNKNOWN if cell.band is None else cell.band) == band


def _members(indicator: Indicator, sources: AnnualSources) -> Figure:
    if indicator.measure in PROFILE_MEASURES:
        assert sources.member_profile is not None
        return sources.member_profile[indicator.measure]
    found = sources.own_members if indicator.source == "own_members" else sources.members
    assert found is not None
    if indicator.measure in ("active", "retained"):
        return int(getattr(found.stock, f"{indicator.measure}_members"))
    flow = "members_admitted" if indicator.measure == "admitted" else indicator.measure
    return int(getattr(found.flows, flow))


def _aid(indicator: Indicator, sources: AnnualSources) -> Figure:
    assert sources.assistance is not None
    aid = sources.assistance.aid
    programme = indicator.filter("programme")
    if programme is not None:
        paid = aid.by_programme[str(programme)]
        return yuan(paid.amount_fen) if indicator.measure == "amount" else paid.payments
    if indicator.measure == "amount":
        return yuan(aid.amount_fen)
    return int(getattr(aid, indicator.measure))


def _visits(indicator: Indicator, sources: AnnualSources) -> Figure:
    assert sources.assistance is not None
    return int(getattr(sources.assistance.visits, indicator.measure))


def _disputes(indicator: Indicator, sources: AnnualSources) -> Figure:
    found = sources.disputes
    assert found is not None
    picked: dict[str, Figure] = {
        "contacts": found.contacts.contacts, "contact_workers": found.contacts.workers,
        "accepted": found.cases.accepted, "case_workers": found.cases.workers,
        "settled": found.outcomes.settled, "closed": found.outcomes.closed,
        "legal_aid": found.outcomes.legal_aid_granted, "closure_rate": found.closure_rate,
        "settlement_rate": found.settlement_rate,
    }  # fmt: skip
    return picked[indicator.measure]


def _training(indicator: Indicator, sources: AnnualSources) -> Figure:
    found = sources.training
    assert found is not None
    courses, jobs = found.courses, found.employment
    picked = {
        "classes": courses.classes, "trainees": courses.trainees, "completed": courses.completed,
        "certified": courses.certified, "placements": jobs.placements,
        "reemployed": jobs.reemployed,
    }  # fmt: skip
    return picked[indicator.measure]


_READERS = {
    "organisations": _organisations,
    "committees": _committees,
    "employers": _employers,
    "members": _members,
    "own_members": _members,
    "contracts_in_force": _contracts,
    "contracts_signed": _contracts,
    "aid": _aid,
    "visits": _visits,
    "disputes": _disputes,
    "training": _training,
}
