"""Reading the totals of a subtree as it stood: on one date (stocks), over a period (flows).

A subtree comes as organisation ids with the day ranges during which each was in it (see
``statistics.scope``). A small subtree sums the totals of its own organisations, each over
its ranges. A large one (more than half of the organisations with totals: a city) sums the
totals of all organisations together, subtracts those of the few organisations outside it
and of those inside for part of the time only, and adds those back for the days they were
inside: the same figure from far fewer rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.projections.totals import ALL_ORGS, CONTRACTS, EMPLOYERS, MEMBERS, Family
from reporting.domain.spans import EVER, covering

Subtree = tuple[list[UUID], list[date], list[date]]
"""Organisation ids, first days and days after, as ``statistics.subtree`` resolves them."""

_Part = tuple[UUID, str, date, date, int]


@dataclass(frozen=True)
class Scope:
    """A subtree, and when it is large the organisations with totals outside it."""

    subtree: Subtree
    outside: list[UUID] | None  # None: the subtree is small, sum its own totals


@dataclass
class Reading:
    """Organisations and day ranges whose totals are summed, each with a sign."""

    parts: list[_Part] = field(default_factory=list)

    def add(self, org: UUID, first: date, after: date, sign: int = 1) -> None:
        self.parts += [(org, *span, sign) for span in covering(first, after)]


def on_day(scope: Scope, day: date) -> Reading:
    """What to sum for a stock on ``day``: every change up to it in the subtree of that day."""
    orgs, los, his = scope.subtree
    inside = {org for org, lo, hi in zip(orgs, los, his, strict=True) if lo <= day < hi}
    after = day + timedelta(days=1)
    reading = Reading()
    if scope.outside is None:
        for org in sorted(inside):
            reading.add(org, EVER, after)
        return reading
    reading.add(ALL_ORGS, EVER, after)
    for org in sorted({*scope.outside, *(set(orgs) - inside)}):
        reading.add(org, EVER, after, -1)
    return reading


def over_days(scope: Scope, first: date, after: date) -> Reading:
    """What to sum for flows over [first, after): each organisation while in the subtree."""
    ranges: dict[UUID, list[tuple[date, date]]] = defaultdict(list)
    for org, lo, hi in zip(*scope.subtree, strict=True):
        if max(lo, first) < min(hi, after):
            ranges[org].append((max(lo, first), min(hi, after)))
    reading = Reading()
    partial = dict(ranges)
    if scope.outside is not None:
        reading.add(ALL_ORGS, first, after)
        partial = {org: spans for org, spans in ranges.items() if spans != [(first, after)]}
        absent = set(scope.subtree[0]) - ranges.keys()
        for org in sorted({*scope.outside, *absent, *partial}):
            reading.add(org, first, after, -1)
    for org, spans in partial.items():  # inside for all or part of the period: those days
        for lo, hi in spans:
            reading.add(org, lo, hi)
    return reading


@dataclass(frozen=True)
class ReportTotals:
    """What one report reads from the totals: stocks on a day, flows over a period."""

    members: dict[str, int]  # the stock measures of member_totals
    employers: dict[str, int]
    joined: dict[str, int]  # the flow measures of member_totals
    in_force: dict[str, dict[str, int]]  # by contract kind
    signed: dict[str, dict[str, int]]


async def read_report(
    conn: Conn, stock: Reading, flows: Reading, *, contracts_in_force: bool
) -> ReportTotals:
    """Every total a report needs, in one round trip.

    Args:
        conn: a connection whose search path starts with the reporting schema.
        stock: what to sum for the stocks.
        flows: what to sum for the flows.
        contracts_in_force: False reads no contract in force (a period starting after the
            stock date has none).
    """
    rows = await conn.fetch(_REPORT_SQL, *_columns(stock), *_columns(flows), contracts_in_force)
    found: dict[str, dict[str | None, dict[str, int]]] = defaultdict(dict)
    for row in rows:
        family = _REPORT_PARTS[row["part"]][0]
        found[row["part"]][row["kind"]] = dict(zip(family.measures, row["amounts"], strict=True))
    empty = {part: dict.fromkeys(family.measures, 0) for part, (family, _) in _REPORT_PARTS.items()}
    return ReportTotals(
        members=found["members"].get(None, empty["members"]),
        employers=found["employers"].get(None, empty["employers"]),
        joined=found["joined"].get(None, empty["joined"]),
        in_force={kind: sums for kind, sums in found["in_force"].items() if kind},
        signed={kind: sums for kind, sums in found["signed"].items() if kind},
    )


def _columns(reading: Reading) -> list[list[Any]]:
    return [list(column) for column in zip(*reading.parts, strict=True)] or [[]] * 5


def _part_sql(name: str, family: Family, reading: str, condition: str = "") -> str:
    kind = "t.kind" if family.by_kind else "NULL::text"
    sums = ", ".join(f"coalesce(sum(p.sign * t.{m}), 0)::bigint" for m in family.measures)
    return f"""
SELECT '{name}' AS part, {kind} AS kind, ARRAY[{sums}] AS amounts
FROM {reading} p
JOIN {family.table} t ON t.{family.org_column} = p.org_id AND t.span = p.span
    AND t.starts >= p.first AND t.starts < p.after
{condition}{"GROUP BY t.kind" if family.by_kind else ""}"""


_REPORT_PARTS: dict[str, tuple[Family, str]] = {
    "members": (MEMBERS, "stock"),
    "employers": (EMPLOYERS, "stock"),
    "joined": (MEMBERS, "flows"),
    "in_force": (CONTRACTS, "stock"),
    "signed": (CONTRACTS, "flows"),
}
_PARTS = "unnest({}::uuid[], {}::text[], {}::date[], {}::date[], {}::int[])"
_REPORT_SQL = (
    f"WITH stock AS (SELECT * FROM {_PARTS.format('$1', '$2', '$3', '$4', '$5')}"
    " AS p(org_id, span, first, after, sign)),"
    f" flows AS (SELECT * FROM {_PARTS.format('$6', '$7', '$8', '$9', '$10')}"
    " AS p(org_id, span, first, after, sign))"
    + " UNION ALL ".join(
        _part_sql(name, family, reading, "WHERE $11 " if name == "in_force" else "")
        for name, (family, reading) in _REPORT_PARTS.items()
    )
)
