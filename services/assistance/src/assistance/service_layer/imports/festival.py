"""节日慰问名单 festival aid lists: the households of a festival payment batch, from a file.

The existing batch takes an explicit list of households, so a list is not imported row by row:
each row names a household by its head's ID number, rows naming no file within the importer's
subtree (or repeating an earlier row) are row errors, and the households found start ONE
payment batch through the same ``StartPaymentBatch`` handler as ``POST /payment-batches``, in
one transaction with the job's totals. The batch then pays as any other (skipping households
not on file or outside the budget's organisation, with the reason, per item).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from uuid import UUID, uuid4

from shared.imports.cells import RowError, SheetColumns, checked
from shared.imports.jobs import ImportAborted, ImportStatus, ImportTally
from shared.imports.running import run_to_end
from shared.seedwork import DomainError

from assistance.service_layer.aid.commands import StartPaymentBatch
from assistance.service_layer.handlers import handle
from assistance.service_layer.imports.ports import ImportStore
from assistance.service_layer.imports.rows import ImportRow, RowContext, RowErrors, id_number
from assistance.service_layer.imports.runner import STOP_REASONS

LABELS = {"head_id_number": "户主身份证号", "head_name": "户主姓名"}
COLUMNS = SheetColumns(
    labels=LABELS,
    aliases={"head_id_number": ("身份证号",), "head_name": ("姓名", "户主")},
    required=("head_id_number",),
)
"""户主姓名 is only for the cadre's own checking; it is not read."""
NO_FILE = "困难档案不存在"
NOTHING_LISTED = "名单中没有可发放的困难户，未创建批量发放"


@dataclass(frozen=True)
class FestivalBatch:
    """The batch a list starts, as chosen on upload (the fields of ``POST /payment-batches``)."""

    programme: str
    year: int
    budget_org_id: UUID
    amount_fen: int
    method: str
    paid_on: date | None = None
    batch_id: UUID = field(default_factory=uuid4)


def festival_command(
    batch: FestivalBatch, household_ids: Sequence[UUID], context: RowContext
) -> StartPaymentBatch:
    """The command ``POST /payment-batches`` would send for this list."""
    return StartPaymentBatch(
        scope_root=context.scope_root,
        batch_id=batch.batch_id,
        programme=batch.programme,
        year=batch.year,
        budget_org_id=batch.budget_org_id,
        amount_fen=batch.amount_fen,
        method=batch.method,
        paid_on=batch.paid_on,
        created_by=context.recorded_by,
        household_ids=tuple(household_ids),
    )


def parse_listed(row: ImportRow, context: RowContext) -> str:
    """The blind index of the head's ID number on a list row.

    Raises:
        RowErrors: the ID number is missing or invalid.
    """
    errors: list[RowError] = []
    number = checked(
        errors,
        row.line,
        LABELS,
        lambda: id_number(row.get("head_id_number"), field="head_id_number", today=context.today),
    )
    if number is None:
        raise RowErrors(errors)
    return context.protector.blind_index(number)


@dataclass(frozen=True)
class ListJob:
    """A list to read: the job row and how many rows it may hold."""

    job_id: UUID
    max_rows: int


async def run_festival_list(
    job: ListJob,
    rows: Iterable[ImportRow],
    store: ImportStore,
    context: RowContext,
    batch: FestivalBatch,
) -> bool:
    """Read the list, then start the batch; whether it was started (the caller pays it).

    The job ends ``failed`` when no household was found or the batch was refused (no budget,
    a budget organisation outside the scope …), with the reason; the row errors stay.
    """
    tally = ImportTally()

    async def read_and_start() -> ImportStatus:
        listed = await _read_list(job, rows, store, context, tally)
        if not listed:
            raise ImportAborted(NOTHING_LISTED)
        await _start_batch(job, store, context, batch, listed, tally)
        return tally.outcome

    return await run_to_end(
        store, job.job_id, read_and_start, STOP_REASONS, stops=(ImportAborted, DomainError)
    )


async def _read_list(
    job: ListJob,
    rows: Iterable[ImportRow],
    store: ImportStore,
    context: RowContext,
    tally: ImportTally,
) -> list[UUID]:
    listed: dict[UUID, int] = {}
    for count, row in enumerate(rows, start=1):
        if count > job.max_rows:
            raise ImportAborted(f"文件超过{job.max_rows}行的上限，请拆分后分批导入")
        error = await _listed_row(row, store, context, listed)
        if error is not None:
            kept = tally.add(1, 0, [error])
            await store.record_errors(job.job_id, tally, kept)
    return list(listed)


async def _listed_row(
    row: ImportRow, store: ImportStore, context: RowContext, listed: dict[UUID, int]
) -> RowError | None:
    """Add the row's household to ``listed``, or say why not."""
    column = LABELS["head_id_number"]
    try:
        index = parse_listed(row, context)
    except RowErrors as refused:
        return refused.errors[0]
    household_id = await store.household_in_scope(index, context.scope_root)
    if household_id is None:
        return RowError(row.line, column, NO_FILE)
    first = listed.setdefault(household_id, row.line)
    return None if first == row.line else RowError(row.line, column, f"与第{first}行重复")


async def _start_batch(
    job: ListJob,
    store: ImportStore,
    context: RowContext,
    batch: FestivalBatch,
    listed: Sequence[UUID],
    tally: ImportTally,
) -> None:
    after = replace(tally)
    after.add(len(listed), len(listed), [])
    async with store.row_transaction() as transaction:
        uow = transaction.unit_of_work()
        uow.correlation_id = str(job.job_id)
        await handle(festival_command(batch, listed, context), uow)
        await transaction.record_progress(job.job_id, after)
    tally.add(len(listed), len(listed), [])
