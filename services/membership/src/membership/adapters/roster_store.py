"""SQL of roster imports (花名册导入): job rows, the set-based member insert, blind-index look-up.

A chunk costs two statements: the members in one ``INSERT … SELECT FROM unnest(…)``, then
their outbox rows (a data-modifying CTE) together with the job's progress update.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import in_subtree
from shared.outbox import PendingEvent, outbox_insert_cte

from membership.adapters import members as member_rows
from membership.adapters import organisations
from membership.config import SERVICE_NAME
from membership.domain import Member, UnionOrganisation
from membership.service_layer.roster_import import ImportStatus, ImportTally
from membership.service_layer.roster_rows import RowError

_SQL_TYPES = {
    "id": "uuid",
    "name": "text",
    "id_number_cipher": "bytea",
    "id_number_index": "text",
    "mobile_cipher": "bytea",
    "sex": "text",
    "birth_date": "date",
    "household_type": "text",
    "is_migrant_worker": "boolean",
    "employer_id": "uuid",
    "union_id": "uuid",
    "joined_on": "date",
    "card_number": "text",
    "status": "text",
    "status_since": "date",
    "union_since": "date",
    "retention_reason": "text",
    "leaving_reason": "text",
    "version": "bigint",
}
# Column list and row values come from the member repository, so both writers stay in step;
# a column added there without a type here fails at import time, not at run time.
_COLUMNS = [column.strip() for column in member_rows.COLUMNS.split(",")]
_ARRAYS = ", ".join(f"${n}::{_SQL_TYPES[c]}[]" for n, c in enumerate(_COLUMNS, start=1))
# Losing a race with a concurrent admission skips the row instead of failing the chunk.
INSERT_MEMBERS = (
    f"INSERT INTO members ({member_rows.COLUMNS}) SELECT * FROM unnest({_ARRAYS}) "
    "ON CONFLICT (id_number_index) WHERE status IN ('active', 'retained') DO NOTHING "
    "RETURNING id"
)
UPDATE_PROGRESS = (
    "UPDATE roster_imports SET processed_rows = $2, imported_rows = $3, failed_rows = $4, "
    "error_count = $5, errors = errors || $6::jsonb, total_rows = greatest(total_rows, $2), "
    "updated_at = now() WHERE id = $1"
)
JOB_COLUMNS = (
    "j.id, j.filename, j.union_id, j.employer_id, j.status, j.total_rows, j.processed_rows, "
    "j.imported_rows, j.failed_rows, j.error_count, j.errors, j.failure_reason, "
    "j.requested_by, j.created_at, j.started_at, j.finished_at"
)


class SqlRosterChunk:
    """The writes of one chunk, inside its transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def insert_members(self, members: Sequence[Member]) -> set[UUID]:
        """Insert ``members`` in one statement; returns the ids actually inserted."""
        columns = list(zip(*(member_rows.insert_row(member) for member in members), strict=True))
        rows = await self.conn.fetch(INSERT_MEMBERS, *(list(column) for column in columns))
        return {row["id"] for row in rows}

    async def record_progress(
        self,
        job_id: UUID,
        events: Sequence[PendingEvent],
        tally: ImportTally,
        new_errors: Sequence[RowError],
    ) -> None:
        """Write ``events`` to the outbox and the job's progress in one statement."""
        args = (
            job_id,
            tally.processed,
            tally.imported,
            tally.failed,
            tally.error_count,
            [error.to_json() for error in new_errors],
        )
        if not events:
            await self.conn.execute(UPDATE_PROGRESS, *args)
            return
        outbox = outbox_insert_cte(SERVICE_NAME, events, first_param=len(args) + 1)
        await self.conn.execute(f"WITH {outbox.cte} {UPDATE_PROGRESS}", *args, *outbox.args)


class SqlRosterStore:
    """Roster import jobs and their writes, on the service's pool."""

    def __init__(self, pool: asyncpg.Pool[asyncpg.Record]) -> None:
        self.pool = pool

    async def create_job(
        self,
        *,
        job_id: UUID,
        filename: str,
        union_id: UUID,
        employer_id: UUID,
        total_rows: int,
        requested_by: str,
        conn: Connection | None = None,
    ) -> None:
        """A queued job for an upload, on ``conn`` (the upload's transaction) when given."""
        await (conn or self.pool).execute(
            "INSERT INTO roster_imports (id, filename, union_id, employer_id, status, total_rows, "
            "requested_by) VALUES ($1, $2, $3, $4, 'queued', $5, $6)",
            job_id,
            filename,
            union_id,
            employer_id,
            total_rows,
            requested_by,
        )

    async def job_in_scope(self, job_id: UUID, scope: str) -> asyncpg.Record | None:
        """The job, provided its union lies under the materialised path ``scope``."""
        return await self.pool.fetchrow(
            f"SELECT {JOB_COLUMNS} FROM roster_imports j JOIN organisations o ON o.id = j.union_id "
            f"WHERE j.id = $1 AND {in_subtree('o.path', '$2')}",
            job_id,
            scope,
        )

    async def union_in_scope(
        self, union_id: UUID, scope: str, *, conn: Connection | None = None
    ) -> UnionOrganisation | None:
        """The organisation ``union_id``, provided it lies under ``scope``."""
        row = await (conn or self.pool).fetchrow(
            f"SELECT {organisations.COLUMNS} FROM organisations WHERE id = $1 "
            f"AND {in_subtree('path', '$2')}",
            union_id,
            scope,
        )
        return organisations.to_organisation(row) if row else None

    async def employer_exists(self, employer_id: UUID, *, conn: Connection | None = None) -> bool:
        db = conn or self.pool
        found = await db.fetchval("SELECT 1 FROM employers WHERE id = $1", employer_id)
        return found is not None

    async def mark_running(self, job_id: UUID) -> None:
        await self.pool.execute(
            "UPDATE roster_imports SET status = 'running', started_at = now(), updated_at = now() "
            "WHERE id = $1",
            job_id,
        )

    async def current_member_indexes(self, indexes: Sequence[str]) -> set[str]:
        """Those of ``indexes`` held by an active or retained member (one round trip)."""
        rows = await self.pool.fetch(
            "SELECT id_number_index FROM members WHERE id_number_index = ANY($1::text[]) "
            "AND status IN ('active', 'retained')",
            list(indexes),
        )
        return {row["id_number_index"] for row in rows}

    @asynccontextmanager
    async def chunk(self) -> AsyncIterator[SqlRosterChunk]:
        """One chunk's transaction, committed when the block exits normally."""
        async with self.pool.acquire() as conn, conn.transaction():
            yield SqlRosterChunk(conn)

    async def mark_finished(
        self, job_id: UUID, status: ImportStatus, *, failure_reason: str | None = None
    ) -> None:
        """Close the job; once completed, its total is the number of rows actually read."""
        await self.pool.execute(
            "UPDATE roster_imports SET status = $2, failure_reason = $3, finished_at = now(), "
            "updated_at = now(), total_rows = CASE WHEN $2 LIKE 'completed%' THEN processed_rows "
            "ELSE total_rows END WHERE id = $1",
            job_id,
            status,
            failure_reason,
        )
