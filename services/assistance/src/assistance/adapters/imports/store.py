"""SQL of bulk import jobs: the job row, each row's transaction, and the look-ups rows need.

A row's transaction carries the unit of work the handler writes through and the job's
progress, so an imported row, its outbox events and the count that says so commit together.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import in_subtree
from shared.imports.cells import RowError
from shared.imports.jobs import ImportStatus, ImportTally
from shared.pii import PiiCipher

from assistance.adapters.unit_of_work import SqlUnitOfWork

UPDATE_PROGRESS = (
    "UPDATE imports SET processed_rows = $2, imported_rows = $3, failed_rows = $4, "
    "error_count = $5, errors = errors || $6::jsonb, total_rows = greatest(total_rows, $2), "
    "updated_at = now() WHERE id = $1"
)
JOB_COLUMNS = (
    "id, kind, filename, status, total_rows, processed_rows, imported_rows, failed_rows, "
    "error_count, errors, failure_reason, requested_by, created_at, started_at, finished_at, "
    "batch_id"
)


async def _progress(
    db: Connection | asyncpg.Pool[asyncpg.Record],
    job_id: UUID,
    tally: ImportTally,
    errors: Sequence[RowError],
) -> None:
    await db.execute(
        UPDATE_PROGRESS,
        job_id,
        tally.processed,
        tally.imported,
        tally.failed,
        tally.error_count,
        [error.to_json() for error in errors],
    )


@dataclass
class SqlRowTransaction:
    """One row's transaction."""

    cipher: PiiCipher
    conn: Connection

    def unit_of_work(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.cipher, conn=self.conn)

    async def record_progress(self, job_id: UUID, tally: ImportTally) -> None:
        await _progress(self.conn, job_id, tally, [])


class SqlImportStore:
    """Import jobs and their rows' transactions, on the service's pool."""

    def __init__(self, pool: asyncpg.Pool[asyncpg.Record], cipher: PiiCipher) -> None:
        self.pool = pool
        self.cipher = cipher

    async def create_job(
        self,
        conn: Connection,
        *,
        job_id: UUID,
        kind: str,
        filename: str,
        scope_path: str,
        total_rows: int,
        requested_by: str,
        batch_id: UUID | None = None,
    ) -> None:
        """A queued job, on ``conn`` (the upload's transaction, with its idempotency key)."""
        await conn.execute(
            "INSERT INTO imports (id, kind, filename, scope_path, status, total_rows, "
            "requested_by, batch_id) VALUES ($1, $2, $3, $4, 'queued', $5, $6, $7)",
            job_id,
            kind,
            filename,
            scope_path,
            total_rows,
            requested_by,
            batch_id,
        )

    async def job_in_scope(self, job_id: UUID, kind: str, scope: str) -> asyncpg.Record | None:
        """The job of ``kind``, provided it was uploaded within the materialised path ``scope``."""
        return await self.pool.fetchrow(
            f"SELECT {JOB_COLUMNS} FROM imports WHERE id = $1 AND kind = $2 "
            f"AND {in_subtree('scope_path', '$3')}",
            job_id,
            kind,
            scope,
        )

    async def recent_jobs(
        self, scope: str, limit: int, requested_by: str | None = None
    ) -> list[asyncpg.Record]:
        """The latest jobs uploaded within ``scope`` (by ``requested_by`` alone when given),
        newest first, without their row errors (a job page shows those)."""
        summary = JOB_COLUMNS.replace("errors, ", "")
        return await self.pool.fetch(
            f"SELECT {summary} FROM imports WHERE {in_subtree('scope_path', '$1')} "
            "AND ($2::text IS NULL OR requested_by = $2) "
            "ORDER BY created_at DESC, id LIMIT $3",
            scope,
            requested_by,
            limit,
        )

    async def mark_running(self, job_id: UUID) -> None:
        await self.pool.execute(
            "UPDATE imports SET status = 'running', started_at = now(), updated_at = now() "
            "WHERE id = $1",
            job_id,
        )

    @asynccontextmanager
    async def row_transaction(self) -> AsyncIterator[SqlRowTransaction]:
        """One row's transaction, committed when the block exits normally."""
        async with self.pool.acquire() as conn, conn.transaction():
            yield SqlRowTransaction(self.cipher, conn)

    async def record_errors(
        self, job_id: UUID, tally: ImportTally, errors: Sequence[RowError]
    ) -> None:
        await _progress(self.pool, job_id, tally, errors)

    async def mark_finished(
        self, job_id: UUID, status: ImportStatus, *, failure_reason: str | None = None
    ) -> None:
        """Close the job; once completed, its total is the number of rows actually read."""
        await self.pool.execute(
            "UPDATE imports SET status = $2, failure_reason = $3, finished_at = now(), "
            "updated_at = now(), total_rows = CASE WHEN $2 LIKE 'completed%' THEN processed_rows "
            "ELSE total_rows END WHERE id = $1",
            job_id,
            status,
            failure_reason,
        )

    async def household_of_head(self, id_number_index: str) -> UUID | None:
        """The active file headed by this person (a family member's file does not count)."""
        found = await self.pool.fetchval(
            "SELECT id FROM households WHERE head_id_number_index = $1 "
            "AND status IN ('draft', 'submitted', 'returned', 'filed')",
            id_number_index,
        )
        return UUID(str(found)) if found is not None else None

    async def household_in_scope(
        self, id_number_index: str, scope_root: UUID | None
    ) -> UUID | None:
        """The active file headed by this person, provided its organisation lies under
        ``scope_root`` in the replica (anywhere for the city)."""
        found = await self.pool.fetchval(
            "SELECT h.id FROM households h JOIN org_replica o ON o.id = h.org_id "
            "WHERE h.head_id_number_index = $1 "
            "AND h.status IN ('draft', 'submitted', 'returned', 'filed') AND ($2::uuid IS NULL "
            "OR o.path LIKE (SELECT path FROM org_replica WHERE id = $2) || '%')",
            id_number_index,
            scope_root,
        )
        return UUID(str(found)) if found is not None else None

    async def enrolment_of(self, member_id: UUID, scheme_year: int) -> UUID | None:
        found = await self.pool.fetchval(
            "SELECT id FROM insurance_enrolments WHERE member_id = $1 AND scheme_year = $2",
            member_id,
            scheme_year,
        )
        return UUID(str(found)) if found is not None else None
