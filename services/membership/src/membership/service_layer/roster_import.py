"""花名册导入: stream a roster through validation and admit the valid rows chunk by chunk.

A chunk is validated, and put in the form its store writes, in a worker thread while the
previous one is being written, so Python and PostgreSQL work side by side and the event loop
only waits on the database. Each chunk is written in one transaction, set-based: its
members and their ``member.admitted`` outbox events in one write where the database's unique
index on the blind index refuses anyone holding a current membership (already, or admitted
concurrently), then the job's progress. A person listed twice in the file is caught while
validating, so the repeat names the row it repeats.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Generic, Protocol, TypeVar
from uuid import UUID

from shared.imports.jobs import MAX_STORED_ERRORS, ImportAborted, ImportStatus, ImportTally
from shared.imports.running import StopReasons, run_to_end
from shared.seedwork import DomainError
from shared.service_layer import PersonalDataProtector

from membership.domain import UnionOrganisation
from membership.service_layer.roster_rows import (
    ALREADY_A_MEMBER,
    COLUMN_LABELS,
    Admission,
    AdmissionContext,
    PreparedChunk,
    RosterRow,
    RowError,
    prepare_chunk,
)

CHUNK_ROWS = 2000
Staged = TypeVar("Staged")
StagedIn = TypeVar("StagedIn", contravariant=True)
__all__ = [
    "CHUNK_ROWS",
    "INTERNAL_FAILURE",
    "INTERRUPTED",
    "MAX_STORED_ERRORS",
    "ChunkWriter",
    "ImportAborted",
    "ImportStatus",
    "ImportTally",
    "RosterJob",
    "RosterStore",
    "import_roster",
]
INTERNAL_FAILURE = "导入过程中发生内部错误，已导入的会员保留，请稍后重新上传剩余部分"
INTERRUPTED = "导入被中断（服务重启），已导入的会员保留，请重新上传以导入其余行"
STOP_REASONS = StopReasons(interrupted=INTERRUPTED, internal_failure=INTERNAL_FAILURE)


class ChunkWriter(Protocol[StagedIn]):
    """One chunk's transaction."""

    async def insert_admissions(self, staged: StagedIn) -> set[int]:
        """Admit the staged admissions with their outbox events in one set-based write,
        skipping anyone who holds a current membership (before the import or admitted meanwhile).

        Returns:
            The sheet rows refused for that reason.
        """
        ...

    async def record_progress(
        self, job_id: UUID, tally: ImportTally, new_errors: Sequence[RowError]
    ) -> None:
        """Store ``tally`` and append ``new_errors``."""
        ...


class RosterStore(Protocol[Staged]):
    """Where an import writes members, events and progress."""

    def stage(self, admissions: Sequence[Admission]) -> Staged:
        """``admissions`` in the form :meth:`ChunkWriter.insert_admissions` writes.

        Pure computation, called in the worker thread that validates the chunk.
        """
        ...

    async def mark_running(self, job_id: UUID) -> None: ...

    def chunk(self) -> AbstractAsyncContextManager[ChunkWriter[Staged]]:
        """A transaction committed when the block exits normally."""
        ...

    async def mark_finished(
        self, job_id: UUID, status: ImportStatus, *, failure_reason: str | None = None
    ) -> None:
        """Close the job; a completed job's total becomes the rows actually read."""
        ...


@dataclass(frozen=True)
class RosterJob:
    """An import to run: the job row, the union admitting and the members' employer."""

    job_id: UUID
    union: UnionOrganisation
    employer_id: UUID
    max_rows: int


@dataclass(frozen=True, slots=True)
class _StagedChunk(Generic[Staged]):
    prepared: PreparedChunk
    staged: Staged


async def import_roster(
    job: RosterJob,
    rows: Iterable[RosterRow],
    store: RosterStore[Staged],
    protector: PersonalDataProtector,
    *,
    today: date,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportTally:
    """Run the job to its end: ``completed`` (``completed_with_errors`` when rows were refused),
    or ``failed`` with a reason when the file as a
    whole cannot go on (too many rows, a union that cannot admit, an unreadable part).

    Chunks written before a failure stay imported; the job's counts say how far it got.

    Raises:
        Exception: anything unexpected, after the job was marked failed.
    """
    tally = ImportTally(max_stored_errors=MAX_STORED_ERRORS)
    context = AdmissionContext(job.union, job.employer_id, today, protector, str(job.job_id))

    async def admit_all() -> ImportStatus:
        job.union.ensure_admits_members()
        await _run_chunks(job, iter(rows), store, context, tally, chunk_rows)
        return tally.outcome

    await run_to_end(store, job.job_id, admit_all, STOP_REASONS, stops=(ImportAborted, DomainError))
    return tally


async def _run_chunks(
    job: RosterJob,
    rows: Iterator[RosterRow],
    store: RosterStore[Staged],
    context: AdmissionContext,
    tally: ImportTally,
    chunk_rows: int,
) -> None:
    seen: dict[str, int] = {}
    read = 0

    def prepare_next() -> _StagedChunk[Staged] | None:
        nonlocal read
        batch = list(islice(rows, chunk_rows))
        read += len(batch)
        if read > job.max_rows:
            raise ImportAborted(f"文件超过{job.max_rows}行的上限，请拆分后分批导入")
        if not batch:
            return None
        prepared = prepare_chunk(batch, context, seen)
        return _StagedChunk(prepared, store.stage(prepared.admissions))

    upcoming = asyncio.ensure_future(asyncio.to_thread(prepare_next))
    try:
        # Shielded: a thread cannot be stopped, so cancelling must not orphan a running one.
        while (chunk := await asyncio.shield(upcoming)) is not None:
            upcoming = asyncio.ensure_future(asyncio.to_thread(prepare_next))
            await _write_chunk(job.job_id, chunk, store, tally)
    finally:
        await asyncio.wait([upcoming])  # before the caller closes the file the thread reads
        if not upcoming.cancelled():
            upcoming.exception()  # retrieved, so an abandoned chunk's error is not logged


async def _write_chunk(
    job_id: UUID, chunk: _StagedChunk[Staged], store: RosterStore[Staged], tally: ImportTally
) -> None:
    async with store.chunk() as writer:
        admissions = chunk.prepared.admissions
        refused = await writer.insert_admissions(chunk.staged) if admissions else set()
        errors = chunk.prepared.errors + [
            RowError(line, COLUMN_LABELS["id_number"], ALREADY_A_MEMBER) for line in sorted(refused)
        ]
        errors.sort(key=lambda error: error.row)
        kept = tally.add(chunk.prepared.rows, len(admissions) - len(refused), errors)
        await writer.record_progress(job_id, tally, kept)
