"""节日慰问批量发放 payment batches: start one (202), follow its progress and results.

The batch is paid in the background, chunk by chunk; a restart resumes it. A household is
paid at most once per batch and the budget is never overspent: households beyond it are
skipped with the reason ``budget_exhausted``.
"""

from __future__ import annotations

from functools import partial
from uuid import UUID, uuid4

import asyncpg
from fastapi import APIRouter, Response
from shared.adapters import Connection
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from assistance.adapters.aid import batch_views as views
from assistance.bootstrap import Container
from assistance.domain.aid.payment_batch import (
    SKIP_LABELS,
    BatchStatus,
    ItemStatus,
    SkipReason,
    percent_done,
)
from assistance.entrypoints.api.aid.schemas import BatchIn, BatchItemOut, BatchOut
from assistance.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from assistance.service_layer.aid.commands import StartPaymentBatch
from assistance.service_layer.aid.payment_batch_job import run_payment_batch
from assistance.service_layer.commands import CommandResult

router = APIRouter(prefix="/api/v1/payment-batches", tags=["批量发放 payment batches"])


async def batch_out(conn: Connection, row: asyncpg.Record) -> BatchOut:
    done = row["paid"] + row["skipped"]
    return BatchOut(
        **dict(row),
        pending=row["total"] - done,
        percent=percent_done(row["total"], done),
        skipped_by_reason=await views.skipped_by_reason(conn, row["id"]),
    )


def start_job(container: Container, batch_id: UUID) -> None:
    """Pay the batch in the background (a running job on it simply shares the work)."""
    chunk = container.settings.payment_batch_chunk_size
    container.spawn(run_payment_batch(batch_id, container.uow, chunk_size=chunk))


@router.post("", status_code=202, response_model=BatchOut)
async def start_batch(body: BatchIn, command: Commanding) -> Response:
    """开始批量发放: pay a fixed amount to each selected household; paid in the background."""
    batch_id = uuid4()
    selection = body.selection

    make = partial(
        StartPaymentBatch,
        batch_id=batch_id,
        created_by=command.principal.subject,
        programme=body.programme,
        year=body.year,
        budget_org_id=body.budget_org_id,
        amount_fen=body.amount_fen,
        method=body.method,
        paid_on=body.paid_on,
        org_id=selection.org_id,
        levels=tuple(selection.levels),
        household_ids=tuple(selection.household_ids),
    )

    async def render(conn: Connection, result: CommandResult) -> BatchOut | None:
        row = await views.batch(conn, "/", result.aggregate_id)
        return await batch_out(conn, row) if row else None

    response = await command.run(
        make,
        render,
        status=202,
        location="/api/v1/payment-batches/{id}",
    )
    location = response.headers.get("Location")
    if location:  # committed now (or earlier, for a replay): the job may start
        start_job(command.container, UUID(location.rsplit("/", 1)[1]))
    return response


@router.get("", response_model=Page[BatchOut])
async def list_batches(
    principal: Reader, container: ContainerDep, paging: PageDep, status: BatchStatus | None = None
) -> Page[BatchOut]:
    """List batches whose budget organisation is in the caller's subtree, newest first."""
    async with container.pool.acquire() as conn:
        path = await scope_path(conn, principal)
        rows, total = await views.list_batches(
            conn, path, status=status, limit=paging.limit, offset=paging.offset
        )
        items = [await batch_out(conn, row) for row in rows]
    return paging.page(items, total)


@router.get("/{batch_id}", response_model=BatchOut)
async def get_batch(batch_id: UUID, principal: Reader, container: ContainerDep) -> BatchOut:
    """Progress: total, paid, skipped (per reason), pending and percent done."""
    async with container.pool.acquire() as conn:
        row = await views.batch(conn, await scope_path(conn, principal), batch_id)
        if row is None:
            raise not_found("批量发放")
        return await batch_out(conn, row)


@router.get("/{batch_id}/items", response_model=Page[BatchItemOut])
async def list_items(
    batch_id: UUID,
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    status: ItemStatus | None = None,
    skip_reason: SkipReason | None = None,
) -> Page[BatchItemOut]:
    """Per-household results in list order: paid (with the payment) or skipped (with why)."""
    async with container.pool.acquire() as conn:
        if await views.batch(conn, await scope_path(conn, principal), batch_id) is None:
            raise not_found("批量发放")
        rows, total = await views.items(
            conn, batch_id, status=status, skip_reason=skip_reason,
            limit=paging.limit, offset=paging.offset,
        )  # fmt: skip
    items = [
        BatchItemOut(
            **dict(row),
            skip_label=SKIP_LABELS.get(SkipReason(row["skip_reason"]))
            if row["skip_reason"]
            else None,
        )
        for row in rows
    ]
    return paging.page(items, total)
