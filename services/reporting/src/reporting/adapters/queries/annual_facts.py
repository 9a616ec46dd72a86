"""The facts behind one cell of the annual report, paged by id, and the figures of a table.

A cell's facts come from the row queries of :mod:`annual_fact_rows` under the cell's filters;
a table's figures from the statistics' own query functions (:func:`table_sources`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from shared.outbox.writer import Connection as Conn
from shared.registration_types import ENTERPRISE_CLASSES

from reporting.adapters.queries import annual_fact_rows as rows
from reporting.adapters.queries import (
    assistance_statistics,
    breakdowns,
    dispute_statistics,
    employer_breakdown,
    statistics,
    training_statistics,
)
from reporting.domain.annual_figures import PROFILE_MEASURES, AnnualSources
from reporting.domain.annual_report import UNKNOWN, AnnualTable, Indicator

FACT_KINDS = {
    "organisations": "organisation",
    "committees": "committee",
    "employers": "employer",
    "members": "member",
    "own_members": "member",
    "contracts_in_force": "contract",
    "contracts_signed": "contract",
    "aid": "payment",
    "visits": "visit",
    "disputes": "case",
    "training": "training",
}
_TRAINING_KINDS = {"classes": "class", "trainees": "enrolment", "completed": "enrolment",
                   "certified": "certificate", "placements": "placement",
                   "reemployed": "placement"}  # fmt: skip  # fmt: skip
_FILTER_COLUMNS = {"kind": "kind", "mode": "mode", "party": "party", "programme": "programme",
                   "ownership_class": "ownership_class", "band": "band"}  # fmt: skip


@dataclass(frozen=True)
class Fact:
    """One fact counted: its id, the day and organisation it counts under, its figure."""

    id: UUID
    kind: str
    on: date
    org_id: UUID
    value: Decimal | None


@dataclass(frozen=True)
class FactPage:
    """A page of facts, how many there are in all, the sum of their figures, the next cursor."""

    facts: list[Fact]
    total: int
    value_sum: Decimal | None
    next_cursor: UUID | None


async def table_sources(
    conn: Conn, table: AnnualTable, org_id: UUID, window: tuple[date, date], bands: Sequence[int]
) -> AnnualSources:
    """What the table's cells are read from, through the statistics' query functions."""
    date_from, stock_date = window
    needed = table.sources
    found: dict[str, Any] = {}
    if needed & {"organisations", "committees", "contracts_in_force", "contracts_signed"}:
        found["breakdowns"] = await breakdowns.breakdowns(conn, org_id, *window)
    if "employers" in needed:
        found["employer_cells"] = await employer_breakdown.cells(conn, org_id, stock_date, bands)
    if "members" in needed:
        found["members"] = await statistics.indicators(conn, org_id, *window)
    if "own_members" in needed:
        own = await statistics.indicators(conn, org_id, date_from, stock_date, own_only=True)
        found["own_members"] = own
    if needed & {"aid", "visits"}:
        found["assistance"] = await assistance_statistics.assistance_figures(conn, org_id, *window)
    if "disputes" in needed:
        found["disputes"] = await dispute_statistics.dispute_figures(conn, org_id, *window)
    if "training" in needed:
        found["training"] = await training_statistics.training_figures(conn, org_id, *window)
    profile = [c.indicator for c in table.cells if c.indicator.measure in PROFILE_MEASURES]
    if profile:
        counted = [await count_facts(conn, i, org_id, window, bands) for i in profile]
        found["member_profile"] = {i.measure: n for i, (n, _) in zip(profile, counted, strict=True)}
    return AnnualSources(**found)


async def count_facts(
    conn: Conn, indicator: Indicator, org_id: UUID, window: tuple[date, date], bands: Sequence[int]
) -> tuple[int, Decimal | None]:
    """How many facts ``indicator`` takes, and the sum of their figures."""
    sql, params = await _rows(conn, indicator, org_id, window, bands)
    conditions, params = _filtered(indicator, params)
    where = " AND ".join(conditions) or "TRUE"
    counted = await conn.fetchrow(
        f"SELECT count(*) AS n, sum(value) AS s FROM ({sql}) f WHERE {where}", *params
    )
    assert counted is not None  # an aggregate without GROUP BY returns one row
    return counted["n"], counted["s"]


async def fact_page(
    conn: Conn,
    indicator: Indicator,
    org_id: UUID,
    window: tuple[date, date],
    bands: Sequence[int],
    page: tuple[UUID | None, int],
) -> FactPage:
    """The facts behind ``indicator`` after the cursor (``page``: cursor, limit), by id."""
    cursor, limit = page
    total, value_sum = await count_facts(conn, indicator, org_id, window, bands)
    sql, params = await _rows(conn, indicator, org_id, window, bands)
    conditions, params = _filtered(indicator, params)
    where = " AND ".join(conditions) or "TRUE"
    n = len(params)
    listed = await conn.fetch(
        f"SELECT id, on_day, org_id, value FROM ({sql}) f WHERE {where}"
        f" AND (${n + 1}::uuid IS NULL OR id > ${n + 1}::uuid) ORDER BY id LIMIT ${n + 2}",
        *params, cursor, limit + 1,
    )  # fmt: skip
    kind = FACT_KINDS[indicator.source]
    if indicator.measure in ("people", "employers") and indicator.source in ("aid", "visits"):
        kind = "person" if indicator.measure == "people" else "employer"
    if indicator.source == "training":
        kind = _TRAINING_KINDS[indicator.measure]
    if indicator.source == "disputes" and indicator.measure in ("contacts", "legal_aid"):
        kind = "contact" if indicator.measure == "contacts" else "legal_aid"
    facts = [Fact(r["id"], kind, r["on_day"], r["org_id"], r["value"]) for r in listed[:limit]]
    more = len(listed) > limit
    return FactPage(facts, total, value_sum, facts[-1].id if more else None)


async def _rows(
    conn: Conn, indicator: Indicator, org_id: UUID, window: tuple[date, date], bands: Sequence[int]
) -> tuple[str, list[Any]]:
    """The row query of the indicator's source and its parameters."""
    date_from, stock_date = window
    day_after = stock_date + timedelta(days=1)
    source, measure = indicator.source, indicator.measure
    on_day = await statistics.subtree(conn, org_id, stock_date, day_after)
    if source == "organisations":
        return rows.ORGANISATIONS, [on_day[0], stock_date]
    if source == "committees":
        return rows.committees(measure), [on_day[0], stock_date]
    if source == "contracts_in_force":
        return rows.contracts(False, measure), [on_day[0], stock_date]
    if source == "employers":
        return rows.employers(measure), [*on_day, stock_date, list(bands)]
    first_day = min(date_from, stock_date)
    own = source == "own_members"
    window_tree = await statistics.subtree_or_own(conn, org_id, first_day, day_after, own_only=own)
    if source in ("members", "own_members") and measure in rows.MEMBER_STOCKS:
        return rows.members(measure), [*window_tree, stock_date]
    flows: list[Any] = [*window_tree, date_from, day_after]
    if source in ("members", "own_members"):
        return rows.members(measure), flows
    if source == "contracts_signed":
        return rows.contracts(True, measure), flows
    if source == "disputes":
        return rows.disputes(measure), flows
    if source == "training":
        return training_statistics.TRAINING_ROWS[measure], flows
    return (rows.aid(measure) if source == "aid" else rows.visits(measure)), flows


def _filtered(indicator: Indicator, params: list[Any]) -> tuple[list[str], list[Any]]:
    """SQL conditions for the indicator's filters, their values appended to ``params``."""
    params = list(params)
    conditions: list[str] = []
    for name, value in indicator.filters:
        if name == "scope":
            params.append(sorted(ENTERPRISE_CLASSES))
            conditions.append(f"ownership_class = ANY(${len(params)}::text[])")
        elif value == UNKNOWN:
            conditions.append(f"{_FILTER_COLUMNS[name]} IS NULL")
        else:
            params.append(value)
            cast = "int" if name == "band" else "text"
            conditions.append(f"{_FILTER_COLUMNS[name]} = ${len(params)}::{cast}")
    return conditions, params
