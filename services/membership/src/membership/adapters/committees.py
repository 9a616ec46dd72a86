"""SQL of union committees: storing an election with its members, reading them back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import in_subtree

from membership.domain import Committee, TermDates

INSERT_COMMITTEE = (
    "INSERT INTO committees (id, org_id, elected_on, term_start, term_end) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING"
)
INSERT_MEMBER = (
    "INSERT INTO committee_members (committee_id, seat, role, name, sex, full_time) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING"
)
_COMMITTEE = (
    "SELECT c.id, c.org_id, c.elected_on, c.term_start, c.term_end FROM committees c "
    "JOIN organisations o ON o.id = c.org_id WHERE {where} AND "
)
# The committee whose term started last by the day is in office unless its term has ended:
# a term starting during another one ends that one early (提前换届).
IN_OFFICE = (
    "SELECT * FROM ("
    + _COMMITTEE.format(where="c.org_id = $2 AND c.term_start <= $3")
    + "{scope} ORDER BY c.term_start DESC LIMIT 1) latest WHERE latest.term_end >= $3"
)
BY_ID = _COMMITTEE.format(where="c.id = $2") + "{scope}"
HISTORY = _COMMITTEE.format(where="c.org_id = $2") + "{scope} ORDER BY c.term_start DESC"
MEMBERS = (
    "SELECT role, name, sex, full_time FROM committee_members WHERE committee_id = $1 ORDER BY seat"
)


async def insert(conn: Connection, elected: Sequence[tuple[UUID, Committee]]) -> None:
    """Store each (organisation id, committee) with its members, in seat order."""
    if not elected:
        return
    await conn.executemany(
        INSERT_COMMITTEE,
        [(c.id, org, c.elected_on, c.term.starts_on, c.term.ends_on) for org, c in elected],
    )
    await conn.executemany(
        INSERT_MEMBER,
        [
            (c.id, seat, m.role.value, m.name, m.sex, m.full_time)
            for _, c in elected
            for seat, m in enumerate(c.members, start=1)
        ],
    )


async def terms(conn: Connection, org_id: UUID) -> list[TermDates]:
    """The terms of the committees recorded for ``org_id``."""
    rows = await conn.fetch("SELECT term_start, term_end FROM committees WHERE org_id = $1", org_id)
    return [TermDates(row["term_start"], row["term_end"]) for row in rows]


async def in_office(conn: Connection, scope: str, org_id: UUID, on: date) -> dict[str, Any] | None:
    """The committee of ``org_id`` (in the subtree ``scope``) in office on ``on``, or None."""
    sql = IN_OFFICE.format(scope=in_subtree("o.path"))
    return await _with_members(conn, await conn.fetchrow(sql, scope, org_id, on))


async def by_id(conn: Connection, scope: str, committee_id: UUID) -> dict[str, Any] | None:
    """One committee of an organisation in the subtree ``scope``, or None."""
    sql = BY_ID.format(scope=in_subtree("o.path"))
    return await _with_members(conn, await conn.fetchrow(sql, scope, committee_id))


async def history(conn: Connection, scope: str, org_id: UUID) -> list[dict[str, Any]]:
    """Every committee recorded for ``org_id`` (in the subtree ``scope``), latest term first."""
    rows = await conn.fetch(HISTORY.format(scope=in_subtree("o.path")), scope, org_id)
    return [found for row in rows if (found := await _with_members(conn, row)) is not None]


async def _with_members(conn: Connection, row: asyncpg.Record | None) -> dict[str, Any] | None:
    if row is None:
        return None
    members = [dict(member) for member in await conn.fetch(MEMBERS, row["id"])]
    return {**dict(row), "size": len(members), "members": members}
