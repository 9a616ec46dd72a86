"""The latest day with data up to a date in an organisation's subtree: where a dashboard opens.

The subtree is resolved as the statistics resolve it, each organisation with the days it was
in it, so a fact counts where the tree stood on its day (a community that moved away brings
its later facts to its new street, not the old). Each organisation's latest day is read from
the end of its own (organisation, date) index, so a street touches only its own rows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from uuid import UUID

from shared.outbox.writer import Connection as Conn

from reporting.adapters.queries.statistics import subtree
from reporting.domain.periods import EARLIEST

LatestDay = Callable[[Conn, UUID, date], Awaitable[date | None]]

# $1, $2, $3: the subtree as arrays of org id, first day, day after the last.
_SUB = "unnest($1::uuid[], $2::date[], $3::date[]) AS s(org_id, lo, hi)"


def _latest_sql(*reads: tuple[str, str, str]) -> str:
    """The greatest day of the (table, organisation column, date column) ``reads`` at each
    organisation of the subtree while it was there."""
    lateral = ", ".join(
        f"(SELECT max({day}) FROM {table}"
        f" WHERE {org} = s.org_id AND {day} >= s.lo AND {day} < s.hi)"
        for table, org, day in reads
    )
    return f"SELECT max(GREATEST({lateral})) FROM {_SUB}"


_MEMBERSHIP_SQL = _latest_sql(("member_facts", "union_id", "effective_on"))
_ASSISTANCE_SQL = _latest_sql(
    ("aid_payments", "org_id", "paid_on"), ("household_facts", "org_id", "effective_on")
)
_DISPUTES_SQL = _latest_sql(("dispute_case_facts", "org_id", "effective_on"))
_TRAINING_SQL = _latest_sql(("training_enrolments", "org_id", "enrolled_on"))


async def _latest(conn: Conn, sql: str, root: UUID, today: date) -> date | None:
    sub = await subtree(conn, root, EARLIEST, today + timedelta(days=1))
    found: date | None = await conn.fetchval(sql, *sub)
    return found


async def membership(conn: Conn, root: UUID, today: date) -> date | None:
    """The latest day a member in the subtree was admitted, moved, retained or left."""
    return await _latest(conn, _MEMBERSHIP_SQL, root, today)


async def assistance(conn: Conn, root: UUID, today: date) -> date | None:
    """The latest day aid was paid or a hardship file changed in the subtree."""
    return await _latest(conn, _ASSISTANCE_SQL, root, today)


async def disputes(conn: Conn, root: UUID, today: date) -> date | None:
    """The latest day anything happened to a dispute case in the subtree."""
    return await _latest(conn, _DISPUTES_SQL, root, today)


async def training(conn: Conn, root: UUID, today: date) -> date | None:
    """The latest day someone enrolled in a class in the subtree."""
    return await _latest(conn, _TRAINING_SQL, root, today)
