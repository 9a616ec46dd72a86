"""Read-side queries of hardship files, limited to the caller's subtree of the replica tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, in_subtree, page

from assistance.adapters.households.repository import (
    COLUMNS,
    RELATIVE_COLUMNS,
    household_from_rows,
)
from assistance.domain.households.household import Household

_FROM = "households h JOIN org_replica o ON o.id = h.org_id"
_SCOPED = f"FROM {_FROM} WHERE {in_subtree('o.path')}"
_OPEN = "h.status IN ('draft', 'submitted', 'returned', 'filed')"


@dataclass(frozen=True)
class HouseholdFilters:
    """The list's filters; ``None`` means "any"."""

    status: str | None = None
    level: str | None = None
    org_id: UUID | None = None
    needs_review: bool | None = None
    overdue_before: date | None = None
    """Only filed files last verified before this date (the overdue rule's cut-off)."""


async def household(conn: Connection, scope_path: str, household_id: UUID) -> Household | None:
    """One file, if it lies in the caller's subtree."""
    found = await _load(
        conn, f"SELECT {_qualified()} {_SCOPED} AND h.id = $2", scope_path, household_id
    )
    return found[0] if found else None


async def list_households(
    conn: Connection, scope_path: str, filters: HouseholdFilters, *, limit: int, offset: int
) -> tuple[list[Household], int]:
    """A page of files in the caller's subtree, oldest first, and the total matching."""
    where = _filters(scope_path, filters)
    rows, total = await page(conn, _FROM, where, _qualified(), "h.created_on, h.id", limit, offset)
    return await _with_relatives(conn, rows), total


def _filters(scope_path: str, filters: HouseholdFilters) -> Filters:
    where = Filters("o.path", scope_path).equal("h.status", filters.status)
    where.equal("h.level", filters.level)
    where.add("o.path LIKE '%/' || {} || '/%'", str(filters.org_id) if filters.org_id else None)
    if filters.needs_review is not None:
        flagged = f"({_OPEN} AND cardinality(h.flags) > 0)"
        where.require(flagged if filters.needs_review else f"NOT {flagged}")
    where.add("h.status = 'filed' AND h.last_verified_on < {}", filters.overdue_before)
    return where


def _qualified() -> str:
    return ", ".join(f"h.{name.strip()}" for name in COLUMNS.split(","))


async def _load(conn: Connection, sql: str, *args: Any) -> list[Household]:
    return await _with_relatives(conn, await conn.fetch(sql, *args))


async def _with_relatives(conn: Connection, rows: list[asyncpg.Record]) -> list[Household]:
    if not rows:
        return []
    relatives = await conn.fetch(
        f"SELECT {RELATIVE_COLUMNS}"
        " FROM household_relatives WHERE household_id = ANY($1::uuid[])"
        " ORDER BY household_id, position",
        [row["id"] for row in rows],
    )
    by_household: dict[UUID, list[asyncpg.Record]] = {}
    for relative in relatives:
        by_household.setdefault(relative["household_id"], []).append(relative)
    return [household_from_rows(row, by_household.get(row["id"], [])) for row in rows]
