"""Read-side query of pending file suggestions, limited to the caller's subtree."""

from __future__ import annotations

from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, page

# A suggestion whose member heads an open file is done, even if the file was opened in a
# transaction that raced the suggestion's (opening a file closes the pending ones it sees).
_SUGGESTIONS = "file_suggestions s JOIN org_replica o ON o.id = s.org_id"
_NO_OPEN_FILE = (
    "NOT EXISTS (SELECT 1 FROM households h WHERE h.head_member_id = s.member_id"
    " AND h.status IN ('draft', 'submitted', 'returned', 'filed'))"
)
_COLUMNS = (
    "s.id, s.member_id, s.org_id, s.employer_id, s.case_id, s.category, s.ending,"
    " s.suggested_on, s.status"
)


async def pending_suggestions(
    conn: Connection,
    scope_path: str,
    member_id: UUID | None,
    *,
    limit: int,
    offset: int,
) -> tuple[list[asyncpg.Record], int]:
    """A page of pending suggestions (oldest first) in the caller's subtree, and the total."""
    where = Filters("o.path", scope_path).require("s.status = 'pending'")
    where.require(_NO_OPEN_FILE).equal("s.member_id", member_id)
    order = "s.suggested_on, s.id"
    return await page(conn, _SUGGESTIONS, where, _COLUMNS, order, limit, offset)


async def suggestion(conn: Connection, suggestion_id: UUID) -> asyncpg.Record | None:
    """One suggestion by id (the command that changed it checked the scope)."""
    return await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM file_suggestions s WHERE s.id = $1", suggestion_id
    )
