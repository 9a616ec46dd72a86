"""Read-side query of visits, limited to the caller's subtree of the replica tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection


@dataclass(frozen=True)
class VisitFilters:
    household_id: UUID | None = None
    member_id: UUID | None = None
    occasion: str | None = None
    since: date | None = None
    until: date | None = None


async def list_visits(
    conn: Connection, scope_path: str, filters: VisitFilters, *, limit: int, offset: int
) -> tuple[list[asyncpg.Record], int]:
    """A page of visits (newest first) in the caller's subtree, and the total matching."""
    clauses, args = [], [scope_path]
    for column, op, value in (
        ("v.household_id", "=", filters.household_id),
        ("v.member_id", "=", filters.member_id),
        ("v.occasion", "=", filters.occasion),
        ("v.visited_on", ">=", filters.since),
        ("v.visited_on", "<=", filters.until),
    ):
        if value is not None:
            args.append(value)  # type: ignore[arg-type]
            clauses.append(f" AND {column} {op} ${len(args)}")
    source = (
        "FROM visits v JOIN org_replica o ON o.id = v.org_id WHERE o.path LIKE $1 || '%'"
        + "".join(clauses)
    )
    total = await conn.fetchval(f"SELECT count(*) {source}", *args)
    params: list[Any] = [*args, limit, offset]
    rows = await conn.fetch(
        "SELECT v.id, v.org_id, v.household_id, v.member_id, v.employer_id, v.occasion,"
        f" v.visited_on, v.note_cipher, v.recorded_by {source}"
        f" ORDER BY v.visited_on DESC, v.id LIMIT ${len(args) + 1} OFFSET ${len(args) + 2}",
        *params,
    )
    return list(rows), int(total)


async def visit(conn: Connection, visit_id: UUID) -> asyncpg.Record | None:
    """One visit by id (the command that wrote it checked the scope)."""
    return await conn.fetchrow(
        "SELECT id, org_id, household_id, member_id, employer_id, occasion, visited_on,"
        " note_cipher, recorded_by FROM visits WHERE id = $1",
        visit_id,
    )
