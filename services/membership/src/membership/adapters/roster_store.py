"""SQL of roster imports (花名册导入): job rows and the set-based write of a chunk.

A chunk is written in its own transaction: a binary COPY of its valid rows (member columns,
each with its sheet row and outbox envelope) into a temporary staging table, one
``INSERT … SELECT`` that admits them and writes their outbox rows and answers the rows refused,
then the job's progress.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.adapters.listing import in_subtree
from shared.identifiers import random_uuids
from shared.outbox import BulkEnvelopes

from membership.adapters import members as member_rows
from membership.adapters import organisations
from membership.adapters.roster_outbox import outbox_envelopes, staged_row
from membership.domain import UnionOrganisation
from membership.service_layer.roster_import import ImportStatus, ImportTally
from membership.service_layer.roster_rows import Admission, RowError

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
STAGING_TABLE = "roster_staging"
_STAGING_COLUMNS = [*_COLUMNS, "line", "event_id", "payload"]
CREATE_STAGING = (
    f"CREATE TEMP TABLE {STAGING_TABLE} ("
    + ", ".join(f"{c} {_SQL_TYPES[c]}" for c in _COLUMNS)
    + ", line integer NOT NULL, event_id uuid NOT NULL, payload text NOT NULL) ON COMMIT DROP"
)
# One statement admits the staged chunk: the partial unique index on the blind index decides
# who already holds a current membership (before the import, or admitted concurrently); those
# rows are skipped, and only the members inserted get their outbox rows. It answers the sheet
# rows refused.
ADMIT_STAGED = (
    f"WITH admitted AS (INSERT INTO members ({member_rows.COLUMNS}) "
    f"SELECT {member_rows.COLUMNS} FROM {STAGING_TABLE} ORDER BY line "
    "ON CONFLICT (id_number_index) WHERE status IN ('active', 'retained') DO NOTHING "
    "RETURNING id), "
    "published AS (INSERT INTO outbox (event_id, subject, event_type, aggregate_id, "
    "aggregate_version, payload, headers) "
    "SELECT s.event_id, $1, $2, s.id::text, s.version, s.payload::jsonb, $3::text::jsonb "
    f"FROM {STAGING_TABLE} s JOIN admitted a ON a.id = s.id ORDER BY s.line RETURNING 1) "
    f"SELECT s.line FROM {STAGING_TABLE} s WHERE NOT EXISTS "
    "(SELECT 1 FROM admitted a WHERE a.id = s.id) ORDER BY s.line"
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


@dataclass(frozen=True, slots=True)
class StagedRows:
    """A chunk's staging-table records and the envelopes their outbox rows share."""

    records: list[tuple[object, ...]]
    envelopes: BulkEnvelopes


class SqlRosterChunk:
    """The writes of one chunk, inside its transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def insert_admissions(self, staged: StagedRows) -> set[int]:
        """Copy the chunk into a staging table, then admit it with its outbox rows at once.

        Returns:
            The sheet rows refused: the person holds a current membership.
        """
        await self.conn.execute(CREATE_STAGING)
        await self.conn.copy_records_to_table(
            STAGING_TABLE, records=staged.records, columns=_STAGING_COLUMNS
        )
        envelopes = staged.envelopes
        refused = await self.conn.fetch(
            ADMIT_STAGED,
            envelopes.nats_subject,
            envelopes.contract.event_type,
            envelopes.headers_json,
        )
        return {row["line"] for row in refused}

    async def record_progress(
        self, job_id: UUID, tally: ImportTally, new_errors: Sequence[RowError]
    ) -> None:
        """Store the job's running totals and append ``new_errors``."""
        await self.conn.execute(
            UPDATE_PROGRESS,
            job_id,
            tally.processed,
            tally.imported,
            tally.failed,
            tally.error_count,
            [error.to_json() for error in new_errors],
        )


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

    def stage(self, admissions: Sequence[Admission]) -> StagedRows:
        """Each admission's member columns, sheet row, event id and envelope, for the COPY.

        Called in the import's worker thread (in the upload's trace context, which the thread
        inherits), so the event loop only sends the chunk.
        """
        envelopes = outbox_envelopes(admissions)
        event_ids = random_uuids(len(admissions))
        records = [
            (*member_rows.insert_row(a.member), *staged_row(a, event_id, envelopes))
            for a, event_id in zip(admissions, event_ids, strict=True)
        ]
        return StagedRows(records, envelopes)

    async def mark_running(self, job_id: UUID) -> None:
        await self.pool.execute(
            "UPDATE roster_imports SET status = 'running', started_at = now(), updated_at = now() "
            "WHERE id = $1",
            job_id,
        )

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
