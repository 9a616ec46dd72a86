"""Running an import: every row through the same handler as a single request.

A row is parsed first (every cell checked, a repeat of an earlier row of the file refused);
a valid row's command then runs in its own transaction together with the job's progress, so a
refused row leaves nothing behind and an imported one commits with its outbox events. Rows are
processed in order, so a later row sees what earlier rows wrote (a second file for the same
head is refused by the same rule as a second request).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from uuid import UUID

from shared.imports.cells import RowError
from shared.imports.jobs import ImportAborted, ImportStatus, ImportTally
from shared.seedwork import DomainError

from assistance.service_layer.handlers import handle
from assistance.service_layer.imports.kinds import ImportKind
from assistance.service_layer.imports.ports import ImportStore
from assistance.service_layer.imports.rows import ImportRow, ParsedRow, RowContext, RowErrors

logger = logging.getLogger(__name__)

INTERNAL_FAILURE = "导入过程中发生内部错误，已导入的行保留，请稍后重新上传其余行"
INTERRUPTED = "导入被中断（服务重启），已导入的行保留，请重新上传其余行"


@dataclass(frozen=True)
class ImportJob:
    """An import to run: the job row, its kind, and how many rows it may hold."""

    job_id: UUID
    kind: ImportKind
    max_rows: int


async def run_import(
    job: ImportJob, rows: Iterable[ImportRow], store: ImportStore, context: RowContext
) -> ImportTally:
    """Run the job to its end: ``completed``, ``completed_with_errors`` when rows were
    refused, or ``failed`` with a reason when the file as a whole cannot go on.

    Raises:
        Exception: anything unexpected, after the job was marked failed.
    """
    await store.mark_running(job.job_id)
    tally = ImportTally()
    seen: dict[tuple[object, ...], int] = {}
    try:
        for count, row in enumerate(rows, start=1):
            if count > job.max_rows:
                raise ImportAborted(f"文件超过{job.max_rows}行的上限，请拆分后分批导入")
            tally = await _import_row(job, row, store, context, seen, tally)
    except ImportAborted as error:
        await store.mark_finished(job.job_id, ImportStatus.FAILED, failure_reason=error.message)
        return tally
    except asyncio.CancelledError:
        await fail_quietly(store, job.job_id, INTERRUPTED)
        raise
    except Exception:
        await fail_quietly(store, job.job_id, INTERNAL_FAILURE)
        raise
    await store.mark_finished(job.job_id, tally.outcome)
    return tally


async def _import_row(
    job: ImportJob,
    row: ImportRow,
    store: ImportStore,
    context: RowContext,
    seen: dict[tuple[object, ...], int],
    tally: ImportTally,
) -> ImportTally:
    """The row written with the job's new totals, or its errors recorded; the new totals."""
    try:
        parsed = _parsed(job.kind, row, context, seen)
        commands = await parsed.build(store)
        after = replace(tally)
        after.add(1, 1, [])
        async with store.row_transaction() as transaction:
            for command in commands:
                uow = transaction.unit_of_work()
                uow.correlation_id = str(job.job_id)
                await handle(command, uow)
            await transaction.record_progress(job.job_id, after)
        return after
    except RowErrors as refused:
        errors = refused.errors
    except DomainError as error:
        errors = [job.kind.handler_error(row.line, error)]
    kept = tally.add(1, 0, errors)
    await store.record_errors(job.job_id, tally, kept)
    return tally


def _parsed(
    kind: ImportKind, row: ImportRow, context: RowContext, seen: dict[tuple[object, ...], int]
) -> ParsedRow:
    parsed = kind.parse(row, context)
    first = seen.setdefault(parsed.key, row.line)
    if first != row.line:
        column = kind.columns.labels[parsed.key_field]
        raise RowErrors([RowError(row.line, column, f"与第{first}行重复")])
    return parsed


async def fail_quietly(store: ImportStore, job_id: UUID, reason: str) -> None:
    """Mark the job failed after an unexpected stop (the service stopping, or a fault)."""
    try:
        await store.mark_finished(job_id, ImportStatus.FAILED, failure_reason=reason)
    except Exception:
        logger.warning("could not mark import %s failed", job_id, exc_info=True)
