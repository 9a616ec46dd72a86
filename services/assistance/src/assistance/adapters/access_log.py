"""The access log of hardship files: who read which file, how, when, under which trace."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import Filters, page


@dataclass(frozen=True)
class Reader:
    """Who read: the token's subject and roles, and the request's trace id."""

    subject: str
    roles: tuple[str, ...]
    trace_id: str | None


@dataclass(frozen=True)
class AccessFilters:
    household_id: UUID | None = None
    subject: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def record_reads(
    conn: Connection, reader: Reader, household_ids: Sequence[UUID], action: str, *, revealed: bool
) -> None:
    """One row per household read, in one statement, on the connection producing the response."""
    if not household_ids:
        return
    await conn.execute(
        "INSERT INTO access_log (subject, roles, household_id, action, revealed, trace_id)"
        " SELECT $1, $2, h, $4, $5, $6 FROM unnest($3::uuid[]) AS h",
        reader.subject,
        list(reader.roles),
        list(household_ids),
        action,
        revealed,
        reader.trace_id,
    )


_READS = (
    "access_log a JOIN households h ON h.id = a.household_id JOIN org_replica o ON o.id = h.org_id"
)
_READ_COLUMNS = "a.id, a.at, a.subject, a.roles, a.household_id, a.action, a.revealed, a.trace_id"


async def list_reads(
    conn: Connection, scope_path: str, filters: AccessFilters, *, limit: int, offset: int
) -> tuple[list[asyncpg.Record], int]:
    """A page of log rows (newest first) about files in the caller's subtree, and the total."""
    where = Filters("o.path", scope_path).equal("a.household_id", filters.household_id)
    where.equal("a.subject", filters.subject)
    where.add("a.at >= {}", filters.since).add("a.at < {}", filters.until)
    order = "a.at DESC, a.id DESC"
    return await page(conn, _READS, where, _READ_COLUMNS, order, limit, offset)
