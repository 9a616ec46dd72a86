"""Drilling down the tree on a dashboard: links to a child's page and the breadcrumb back up.

A child row links to the same dashboard for that child, same period and as-of date. The
breadcrumb climbs from the organisation shown to the reader's own scope root and stops there:
a community cadre who drilled into a union sees 社区 › 工会, never the street above.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode
from uuid import UUID

from shared.auth import Principal
from shared.outbox.writer import Connection as Conn

from reporting.domain.periods import Period, parse_period

# $1 the organisation shown, $2 the stock date, $3 the reader's root (NULL: the city's top).
_TRAIL_SQL = """
WITH RECURSIVE up(org_id, parent_id, name, depth) AS (
    SELECT org_id, parent_id, name, 0 FROM org_versions
    WHERE org_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
  UNION ALL
    SELECT v.org_id, v.parent_id, v.name, u.depth + 1
    FROM org_versions v JOIN up u ON v.org_id = u.parent_id
    WHERE u.org_id IS DISTINCT FROM $3::uuid
      AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to > $2)
)
SELECT org_id, name FROM up ORDER BY depth DESC
"""


@dataclass(frozen=True)
class Shown:
    """Where a dashboard stands: its page, organisation, period and as-of date."""

    page: str
    org_id: UUID
    period: str
    as_of: date | None = None

    def link(self, org_id: UUID) -> str:
        """The same dashboard, period and as-of date for ``org_id``."""
        query = {"org_id": str(org_id), "period": self.period}
        if self.as_of is not None:
            query["as_of"] = self.as_of.isoformat()
        return f"{self.page}?{urlencode(query)}"


def as_of_of(period: str, window: Period) -> date | None:
    """The as-of date a window was cut at, or ``None`` when it runs to the period's end."""
    end = parse_period(period).date_to
    return window.date_to if window.date_to < end else None


async def trail(conn: Conn, principal: Principal, org_id: UUID, on: date) -> list[tuple[UUID, str]]:
    """The organisations from the reader's scope root down to ``org_id``, as on ``on``."""
    root = None if principal.org_id is None else UUID(principal.org_id)
    rows = await conn.fetch(_TRAIL_SQL, org_id, on, root)
    found = [(row["org_id"], row["name"]) for row in rows]
    if root is not None and not any(org == root for org, _ in found):
        return found[-1:]  # not below the root that day: show the organisation alone
    return found


def breadcrumb(shown: Shown, steps: list[tuple[UUID, str]]) -> str:
    """The trail as links, the organisation shown last and unlinked; none at the scope root."""
    if len(steps) < 2:
        return ""
    parts = [
        f'<a href="{escape(shown.link(org))}">{escape(name)}</a>'
        if org != shown.org_id
        else f'<span aria-current="page">{escape(name)}</span>'
        for org, name in steps
    ]
    return f'<nav class="crumbs" aria-label="组织层级">{" › ".join(parts)}</nav>'
