"""The access log of cases: who read which case, how, when, under which trace."""

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
    case_id: UUID | None = None
    subject: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def record_reads(
    conn: Connection, reader: Reader, case_ids: Sequence[UUID], action: str, *, revealed: bool
) -> None:
    """One row per case read, in one statement, on the connection producing the response."""
    if not case_ids:
        return
    await conn.execute(
        "INSERT INTO access_log (subject, roles, case_id, action, revealed, trace_id)"
        " SELECT $1, $2, c, $4, $5, $6 FROM unnest($3::uuid[]) AS c",
        reader.subject,
        list(reader.roles),
        list(case_ids),
        action,
        revealed,
        reader.trace_id,
    )


_READS = "access_log a JOIN cases c ON c.id = a.case_id JOIN org_replica o ON o.id = c.org_id"
_COLUMNS = "a.id, a.at, a.subject, a.roles, a.case_id, a.action, a.revealed, a.trace_id"


async def list_reads(
    conn: Connection, scope_path: str, filters: AccessFilters, *, limit: int, offset: int
) -> tuple[list[asyncpg.Record], int]:
    """A page of log rows (newest first) about cases in the caller's subtree, and the total."""
    where = Filters("o.path", scope_path).equal("a.case_id", filters.case_id)
    where.equal("a.subject", filters.subject)
    where.add("a.at >= {}", filters.since).add("a.at < {}", filters.until)
    return await page(conn, _READS, where, _COLUMNS, "a.at DESC, a.id DESC", limit, offset)
