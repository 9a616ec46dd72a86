"""Read-side queries of seekers, postings, fairs and placements, limited to the caller's subtree."""

from __future__ import annotations

from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, Rows, page

SEEKER_COLUMNS = (
    "s.id, s.org_id, s.person_id, s.member_id, s.status, s.wanted_occupation, s.registered_on,"
    " s.placed, p.name_cipher, p.id_cipher, p.phone_cipher"
)
_SEEKERS = "seekers s JOIN people p ON p.id = s.person_id JOIN org_replica o ON o.id = s.org_id"


async def list_seekers(
    conn: Connection,
    scope: str,
    status: str | None,
    placed: bool | None,
    *,
    limit: int,
    offset: int,
) -> Rows:
    """A page of seekers in the subtree, newest first."""
    where = Filters("o.path", scope).equal("s.status", status).equal("s.placed", placed)
    order = "s.registered_on DESC, s.id"
    return await page(conn, _SEEKERS, where, SEEKER_COLUMNS, order, limit, offset)


async def one_seeker(conn: Connection, seeker_id: UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"SELECT {SEEKER_COLUMNS} FROM {_SEEKERS} WHERE s.id = $1", seeker_id
    )


POSTING_COLUMNS = (
    "t.id, t.org_id, t.employer_id, t.employer_name, t.title, t.occupation, t.positions,"
    " t.published_on"
)
_POSTINGS = "postings t JOIN org_replica o ON o.id = t.org_id"


async def list_postings(conn: Connection, scope: str, *, limit: int, offset: int) -> Rows:
    """A page of postings in the subtree, newest first."""
    where = Filters("o.path", scope)
    order = "t.published_on DESC, t.id"
    return await page(conn, _POSTINGS, where, POSTING_COLUMNS, order, limit, offset)


async def one_posting(conn: Connection, posting_id: UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"SELECT {POSTING_COLUMNS} FROM {_POSTINGS} WHERE t.id = $1", posting_id
    )


FAIR_COLUMNS = (
    "f.id, f.org_id, f.title, f.venue, f.held_on, f.employers, f.registered_seekers,"
    " f.seekers_counted"
)
_FAIRS = "fairs f JOIN org_replica o ON o.id = f.org_id"


async def list_fairs(conn: Connection, scope: str, *, limit: int, offset: int) -> Rows:
    """A page of fairs in the subtree, latest first."""
    where = Filters("o.path", scope)
    return await page(conn, _FAIRS, where, FAIR_COLUMNS, "f.held_on DESC, f.id", limit, offset)


async def one_fair(conn: Connection, fair_id: UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(f"SELECT {FAIR_COLUMNS} FROM {_FAIRS} WHERE f.id = $1", fair_id)


PLACEMENT_COLUMNS = (
    "l.id, l.seeker_id, l.org_id, l.person_id, l.member_id, l.employer_id, l.employer_name,"
    " l.channel, l.fair_id, l.posting_id, l.reemployment, l.placed_on, l.follow_up_3,"
    " l.follow_up_6, l.entered_by, l.entered_at"
)
_PLACEMENTS = "placements l JOIN org_replica o ON o.id = l.org_id"


async def list_placements(
    conn: Connection, scope: str, fair_id: UUID | None, *, limit: int, offset: int
) -> Rows:
    """A page of placements in the subtree, latest first."""
    where = Filters("o.path", scope).equal("l.fair_id", fair_id)
    order = "l.placed_on DESC, l.id"
    return await page(conn, _PLACEMENTS, where, PLACEMENT_COLUMNS, order, limit, offset)


async def one_placement(conn: Connection, placement_id: UUID) -> asyncpg.Record | None:
    return await conn.fetchrow(
        f"SELECT {PLACEMENT_COLUMNS} FROM {_PLACEMENTS} WHERE l.id = $1", placement_id
    )
