"""The log of hardship entries shown in member timelines: written on each such read, listed
for auditors."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from shared.adapters import Connection
from shared.adapters.listing import Filters, Rows, page

_COLUMNS = "id, at, subject, roles, member_id, action, entries, trace_id"


async def record(
    conn: Connection,
    *,
    subject: str,
    roles: list[str],
    member_id: UUID,
    entries: int,
    trace_id: str | None,
) -> None:
    """One row for a timeline that showed ``entries`` hardship entries of ``member_id``."""
    await conn.execute(
        "INSERT INTO hardship_reads (subject, roles, member_id, action, entries, trace_id)"
        " VALUES ($1, $2, $3, 'timeline', $4, $5)",
        subject,
        roles,
        member_id,
        entries,
        trace_id,
    )


async def list_reads(
    conn: Connection,
    *,
    member_id: UUID | None,
    subject: str | None,
    since: datetime | None,
    limit: int,
    offset: int,
) -> Rows:
    """A page of reads, newest first."""
    filters = Filters.unscoped().equal("member_id", member_id).equal("subject", subject)
    filters.add("at >= {}", since)
    return await page(conn, "hardship_reads", filters, _COLUMNS, "at DESC, id DESC", limit, offset)


async def is_city_root(conn: Connection, org_id: UUID) -> bool:
    """Whether ``org_id`` heads the organisation tree (the city federation)."""
    found = await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM org_versions WHERE org_id = $1 AND parent_id IS NULL)",
        org_id,
    )
    return bool(found)
