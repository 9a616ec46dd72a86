"""Read-side queries of competitions and their entries, limited to the caller's subtree."""

from __future__ import annotations

from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, Rows, page

_COMPETITIONS = "competitions c JOIN org_replica o ON o.id = c.org_id"
COMPETITION_COLUMNS = "c.id, c.org_id, c.title, c.held_on, c.trades"


async def list_competitions(conn: Connection, scope: str, *, limit: int, offset: int) -> Rows:
    """A page of competitions in the subtree, latest first."""
    where = Filters("o.path", scope)
    order = "c.held_on DESC, c.id"
    return await page(conn, _COMPETITIONS, where, COMPETITION_COLUMNS, order, limit, offset)


async def one_competition(conn: Connection, competition_id: UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"SELECT {COMPETITION_COLUMNS} FROM {_COMPETITIONS} WHERE c.id = $1", competition_id
    )


ENTRY_COLUMNS = (
    "e.id, e.competition_id, e.org_id, e.trade, e.person_id, e.member_id, e.entered_on,"
    " e.score, e.rank, p.name_cipher, p.id_cipher, p.phone_cipher"
)
_ENTRIES = "competition_entries e JOIN people p ON p.id = e.person_id"


async def list_entries(
    conn: Connection, competition_id: UUID, trade: str | None, *, limit: int, offset: int
) -> Rows:
    """A page of a competition's entrants, by trade and rank."""
    where = Filters.within("e.competition_id", competition_id).equal("e.trade", trade)
    order = "e.trade, e.rank NULLS LAST, e.entered_on, e.id"
    return await page(conn, _ENTRIES, where, ENTRY_COLUMNS, order, limit, offset)


async def one_entry(conn: Connection, entry_id: UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(f"SELECT {ENTRY_COLUMNS} FROM {_ENTRIES} WHERE e.id = $1", entry_id)
