"""Read-side queries of cases, always limited to the caller's subtree of the replica tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, page

from disputes.adapters.cases.repository import COLUMNS, case_from_row
from disputes.domain.cases.case import Case

_CASES = "cases c JOIN org_replica o ON o.id = c.org_id"
_CASE_COLUMNS = ", ".join(f"c.{name.strip()}" for name in COLUMNS.split(","))


@dataclass(frozen=True)
class CaseFilters:
    status: str | None = None
    category: str | None = None
    org_id: UUID | None = None
    mediator_id: UUID | None = None
    overdue: bool | None = None
    since: date | None = None
    until: date | None = None


async def list_cases(
    conn: Connection, scope_path: str, f: CaseFilters, *, limit: int, offset: int
) -> tuple[list[Case], int]:
    """A page of cases (newest first) in the caller's subtree, and the total matching."""
    where = Filters("o.path", scope_path).equal("c.status", f.status)
    where.equal("c.category", f.category).equal("c.mediator_id", f.mediator_id)
    where.equal("c.overdue", f.overdue)
    where.add("c.received_on >= {}", f.since).add("c.received_on <= {}", f.until)
    where.add("o.path LIKE '%/' || {}::text || '/%'", str(f.org_id) if f.org_id else None)
    rows, total = await page(
        conn, _CASES, where, _CASE_COLUMNS, "c.received_on DESC, c.id", limit, offset
    )
    return [case_from_row(r) for r in rows], total


async def case_in_scope(conn: Connection, scope_path: str, case_id: UUID) -> Case | None:
    """One case, if it lies in the caller's subtree."""
    row = await conn.fetchrow(
        f"SELECT {_CASE_COLUMNS} FROM {_CASES} WHERE c.id = $1 AND o.path LIKE $2 || '%'",
        case_id,
        scope_path,
    )
    return case_from_row(row) if row else None


async def due_cases(conn: Connection, scope_path: str, today: date, within_days: int) -> list[Case]:
    """Open accepted cases due within ``within_days`` of today, or already overdue; soonest first."""
    rows = await conn.fetch(
        f"SELECT {_CASE_COLUMNS} FROM {_CASES} WHERE o.path LIKE $1 || '%'"
        " AND c.status IN ('accepted', 'mediating') AND c.due_on <= $2"
        " ORDER BY c.due_on, c.id LIMIT 1000",
        scope_path,
        today + timedelta(days=within_days),
    )
    return [case_from_row(r) for r in rows]


async def summary(conn: Connection, scope_path: str, today: date) -> asyncpg.Record:
    """The dashboard's counts for the subtree: by status, overdue, due in 3 days, amounts."""
    row = await conn.fetchrow(
        f"SELECT count(*) AS total,"
        " count(*) FILTER (WHERE c.status IN ('accepted', 'mediating')) AS open,"
        " count(*) FILTER (WHERE c.status IN ('accepted', 'mediating') AND c.due_on < $2)"
        " AS overdue,"
        " count(*) FILTER (WHERE c.status IN ('accepted', 'mediating')"
        " AND c.due_on BETWEEN $2 AND $2 + 3) AS due_soon,"
        " count(*) FILTER (WHERE c.closing_outcome = 'settled') AS settled,"
        " count(*) FILTER (WHERE c.status = 'closed') AS closed,"
        " count(*) FILTER (WHERE c.referral IS NOT NULL) AS referred,"
        " coalesce(sum(c.claimed_fen), 0) AS claimed_fen,"
        " coalesce(sum((c.agreement->>'agreed_fen')::bigint), 0) AS agreed_fen,"
        " coalesce(sum(c.recovered_fen), 0) AS recovered_fen"
        f" FROM {_CASES} WHERE o.path LIKE $1 || '%'",
        scope_path,
        today,
    )
    assert row is not None
    found: asyncpg.Record = row
    return found
