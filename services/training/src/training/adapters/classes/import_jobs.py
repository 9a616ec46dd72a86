"""Attendance import jobs in SQL: created with the upload, advanced by the import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from uuid import UUID

import asyncpg
from shared.adapters import Connection

from training.service_layer.classes.attendance_import import (
    MAX_ERRORS_KEPT,
    ImportProgress,
    RowError,
)

JOB_COLUMNS = (
    "j.id, j.class_id, j.org_id, j.session_no, j.filename, j.status, j.total_rows,"
    " j.processed_rows, j.imported_rows, j.failed_rows, j.errors, j.failure_reason,"
    " j.requested_by, j.created_at, j.finished_at"
)


async def create_job(
    conn: Connection, *, job_id: UUID, class_id: UUID, org_id: UUID, session_no: int,
    filename: str, total_rows: int, requested_by: str,
) -> None:  # fmt: skip
    """The job's row, in the upload's transaction."""
    await conn.execute(
        "INSERT INTO attendance_imports (id, class_id, org_id, session_no, filename, status,"
        " total_rows, requested_by) VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7)",
        job_id, class_id, org_id, session_no, filename, total_rows, requested_by,
    )  # fmt: skip


async def job_in_scope(conn: Connection, job_id: UUID, scope: str) -> asyncpg.Record | None:
    """The job, when its class's organisation lies in the subtree."""
    return await conn.fetchrow(
        f"SELECT {JOB_COLUMNS} FROM attendance_imports j JOIN org_replica o ON o.id = j.org_id"
        " WHERE j.id = $1 AND o.path LIKE $2 || '%'",
        job_id,
        scope,
    )


class SqlImportProgress(ImportProgress):
    """Each step its own short transaction on the pool, so progress shows while it runs."""

    def __init__(self, pool: asyncpg.Pool[asyncpg.Record]) -> None:
        self._pool = pool

    async def seated_by_index(self, class_id: UUID) -> dict[str, UUID]:
        rows = await self._pool.fetch(
            "SELECT p.id_index, e.id FROM enrolments e JOIN people p ON p.id = e.person_id"
            " WHERE e.class_id = $1 AND e.status = 'enrolled'",
            class_id,
        )
        return {row["id_index"]: row["id"] for row in rows}

    async def advance(
        self,
        job_id: UUID,
        *,
        processed: int,
        imported: int,
        failed: int,
        errors: Sequence[RowError],
    ) -> None:
        await self._pool.execute(
            "UPDATE attendance_imports SET status = 'running',"
            " processed_rows = processed_rows + $2, imported_rows = imported_rows + $3,"
            " failed_rows = failed_rows + $4,"
            " errors = CASE WHEN jsonb_array_length(errors) >= $6 THEN errors"
            " ELSE errors || $5::jsonb END WHERE id = $1",
            job_id, processed, imported, failed, [asdict(e) for e in errors], MAX_ERRORS_KEPT,
        )  # fmt: skip

    async def finish(self, job_id: UUID, *, failure: str | None) -> None:
        await self._pool.execute(
            "UPDATE attendance_imports SET status = $2, failure_reason = $3,"
            " finished_at = now() WHERE id = $1",
            job_id,
            "failed" if failure else "completed",
            failure,
        )
