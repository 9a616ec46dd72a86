"""Organisations' names and children as the tree stood on a day (for pages and file titles)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from shared.outbox.writer import Connection as Conn

_NAME_SQL = (
    "SELECT name FROM org_versions WHERE org_id = $1"
    " ORDER BY (valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)) DESC, valid_from DESC"
    " LIMIT 1"
)
_CHILDREN_SQL = (
    "SELECT org_id, name FROM org_versions WHERE parent_id = $1"
    " AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) ORDER BY name, org_id"
)


async def name_on(conn: Conn, org_id: UUID, day: date) -> str | None:
    """The organisation's name on ``day`` (else its latest), ``None`` for an unknown one."""
    found: str | None = await conn.fetchval(_NAME_SQL, org_id, day)
    return found


async def children_on(conn: Conn, org_id: UUID, day: date) -> list[tuple[UUID, str]]:
    """The organisation's children on ``day``, by name."""
    return [(row["org_id"], row["name"]) for row in await conn.fetch(_CHILDREN_SQL, org_id, day)]
