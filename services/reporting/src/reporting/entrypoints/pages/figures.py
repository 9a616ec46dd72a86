"""What the dashboard shows, read with the statistics adapter and the API's scope rule.

The organisation picker lists the caller's subtree as it stood on the stock date, from the
service's own organisation facts; grassroots unions and union groups are left out below the
scope root because a street counts them by the thousand and they add nothing a federation's
figures do not already roll up.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.auth import Principal
from shared.http.problems import Problem
from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries import statistics
from reporting.entrypoints.api.statistics import ensure_visible

_TREE_SQL = """
WITH RECURSIVE tree(org_id, name, depth, path) AS (
    SELECT org_id, name, 0, ARRAY[name, org_id::text] FROM org_versions
    WHERE (($1::uuid IS NULL AND parent_id IS NULL) OR org_id = $1::uuid)
      AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
  UNION ALL
    SELECT v.org_id, v.name, t.depth + 1, t.path || ARRAY[v.name, v.org_id::text]
    FROM org_versions v JOIN tree t ON v.parent_id = t.org_id
    WHERE v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to > $2)
      AND v.kind NOT IN ('grassroots_union', 'union_group')
)
SELECT org_id, name, depth FROM tree ORDER BY path
"""
_FIRST_ROOT_SQL = (
    "SELECT org_id FROM org_versions WHERE parent_id IS NULL"
    " ORDER BY valid_to IS NULL DESC, valid_from, org_id LIMIT 1"
)


@dataclass(frozen=True)
class PickerEntry:
    """One organisation of the picker, indented by its depth below the caller's root."""

    org_id: UUID
    name: str
    depth: int


@dataclass(frozen=True)
class MonthPoint:
    """Members at the month's end and admitted during it; ``None`` when out of scope."""

    month: int
    active_members: int | None
    members_admitted: int | None


async def home_organisation(conn: Conn, principal: Principal) -> UUID | None:
    """The caller's scope root, or the city federation for a city administrator."""
    if principal.org_id is not None:
        return UUID(principal.org_id)
    found: UUID | None = await conn.fetchval(_FIRST_ROOT_SQL)
    return found


async def organisation_picker(conn: Conn, principal: Principal, on: date) -> list[PickerEntry]:
    """The organisations the caller may choose, as the tree stood on ``on``."""
    root = None if principal.org_id is None else UUID(principal.org_id)
    rows = await conn.fetch(_TREE_SQL, root, on)
    return [PickerEntry(row["org_id"], row["name"], row["depth"]) for row in rows]


async def monthly_trend(
    conn: Conn, principal: Principal, org_id: UUID, year: int, today: date
) -> list[MonthPoint]:
    """Each month of ``year`` up to ``today``: members at its end and admitted during it.

    A month in which the organisation was outside the caller's subtree stays empty, exactly
    as the statistics API would refuse that month.
    """
    points = []
    for month in range(1, 13):
        first = date(year, month, 1)
        if first > today:
            break
        last = date(year, month, calendar.monthrange(year, month)[1])
        try:
            await ensure_visible(conn, principal, org_id, (first, last))
        except Problem:
            points.append(MonthPoint(month, None, None))
            continue
        figures = await statistics.indicators(conn, org_id, first, last)
        points.append(
            MonthPoint(month, figures.stock.active_members, figures.flows.members_admitted)
        )
    return points
