"""Running an import: every row through the same handler as a single request.

A row is parsed first (every cell checked, a repeat of an earlier row of the file refused);
a valid row's command then runs in its own transaction together with the job's progress, so a
refused row leaves nothing behind and an imported one commits with its outbox events. Rows are
processed in order, so a later row sees what earlier rows wrote (a second file for the same
head is refused by the same rule as a second request).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from uuid import UUID

from shared.imports.cells import RowError
from shared.imports.jobs import ImportAborted, ImportStatus, ImportTally
from shared.imports.running import StopReasons, run_to_end
from shared.seedwork import DomainError

from assistance.service_layer.handlers import handle
from assistance.service_layer.imports.kinds import ImportKind
from assistance.service_layer.imports.ports import ImportStore
from assistance.service_layer.imports.rows import ImportRow, ParsedRow, RowContext, RowErrors

INTERNAL_FAILURE = "导入过程中发生内部错误，已导入的行保留，请稍后重新上传其余行"
INTERRUPTED = "导入被中断（服务重启），已导入的行保留，请重新上传其余行"
STOP_REASONS = StopReasons(interrupted=INTERRUPTED, internal_failure=INTERNAL_FAILURE)


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
    tally = ImportTally()
    seen: dict[tuple[object, ...], int] = {}

    async def read_all() -> ImportStatus:
        nonlocal tally
        for count, row in enumerate(rows, start=1):
            if count > job.max_rows:
                raise ImportAborted(f"文件超过{job.max_rows}行的上限，请拆分后分批导入")
            tally = await _import_row(job, row, store, context, seen, tally)
        return tally.outcome

    await run_to_end(store, job.job_id, read_all, STOP_REASONS)
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
