"""Read-side query of visits, limited to the caller's subtree of the replica tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, page


@dataclass(frozen=True)
class VisitFilters:
    household_id: UUID | None = None
    member_id: UUID | None = None
    occasion: str | None = None
    since: date | None = None
    until: date | None = None


_VISITS = "visits v JOIN org_replica o ON o.id = v.org_id"
_VISIT_COLUMNS = (
    "v.id, v.org_id, v.household_id, v.member_id, v.employer_id, v.occasion,"
    " v.visited_on, v.note_cipher, v.recorded_by, v.created_at AS entered_at"
)


async def list_visits(
    conn: Connection, scope_path: str, filters: VisitFilters, *, limit: int, offset: int
) -> tuple[list[asyncpg.Record], int]:
    """A page of visits (newest first) in the caller's subtree, and the total matching."""
    where = Filters("o.path", scope_path).equal("v.household_id", filters.household_id)
    where.equal("v.member_id", filters.member_id).equal("v.occasion", filters.occasion)
    where.add("v.visited_on >= {}", filters.since).add("v.visited_on <= {}", filters.until)
    order = "v.visited_on DESC, v.id"
    return await page(conn, _VISITS, where, _VISIT_COLUMNS, order, limit, offset)


async def visit(conn: Connection, visit_id: UUID) -> asyncpg.Record | None:
    """One visit by id (the command that wrote it checked the scope)."""
    return await conn.fetchrow(
        "SELECT id, org_id, household_id, member_id, employer_id, occasion, visited_on,"
        " note_cipher, recorded_by, created_at AS entered_at FROM visits WHERE id = $1",
        visit_id,
    )
