"""Read-side queries of hardship files, limited to the caller's subtree of the replica tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection

from assistance.adapters.households.repository import COLUMNS, household_from_rows
from assistance.domain.households.household import Household

_SCOPED = "FROM households h JOIN org_replica o ON o.id = h.org_id WHERE o.path LIKE $1 || '%'"
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
    where, args = _where(filters, first_placeholder=2)
    total = await conn.fetchval(f"SELECT count(*) {_SCOPED}{where}", scope_path, *args)
    n = len(args) + 2
    sql = f"SELECT {_qualified()} {_SCOPED}{where} ORDER BY h.created_on, h.id LIMIT ${n} OFFSET ${n + 1}"
    return await _load(conn, sql, scope_path, *args, limit, offset), int(total)


def _where(filters: HouseholdFilters, *, first_placeholder: int) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []

    def arg(value: Any) -> str:
        args.append(value)
        return f"${first_placeholder + len(args) - 1}"

    if filters.status is not None:
        clauses.append(f"h.status = {arg(filters.status)}")
    if filters.level is not None:
        clauses.append(f"h.level = {arg(filters.level)}")
    if filters.org_id is not None:
        clauses.append(f"o.path LIKE '%/' || {arg(str(filters.org_id))} || '/%'")
    if filters.needs_review is not None:
        flagged = f"({_OPEN} AND cardinality(h.flags) > 0)"
        clauses.append(flagged if filters.needs_review else f"NOT {flagged}")
    if filters.overdue_before is not None:
        clauses.append(f"h.status = 'filed' AND h.last_verified_on < {arg(filters.overdue_before)}")
    return "".join(f" AND {clause}" for clause in clauses), args


def _qualified() -> str:
    return ", ".join(f"h.{name.strip()}" for name in COLUMNS.split(","))


async def _load(conn: Connection, sql: str, *args: Any) -> list[Household]:
    rows = await conn.fetch(sql, *args)
    if not rows:
        return []
    relatives = await conn.fetch(
        "SELECT household_id, relation, name_cipher, id_number_index, id_number_cipher"
        " FROM household_relatives WHERE household_id = ANY($1::uuid[])"
        " ORDER BY household_id, position",
        [row["id"] for row in rows],
    )
    by_household: dict[UUID, list[asyncpg.Record]] = {}
    for relative in relatives:
        by_household.setdefault(relative["household_id"], []).append(relative)
    return [household_from_rows(row, by_household.get(row["id"], [])) for row in rows]
