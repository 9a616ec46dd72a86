"""帮扶资金发放 payments: payment orders of approved applications and of festival batches.

Disbursement is exactly once. With an ``Idempotency-Key`` a retry gets the stored answer.
Without one, confirming a payment that is already paid with the same method answers 200 with
the paid payment, unchanged: no second ``AidPaid`` and no second draw on the budget. Another
method, or a cancelled payment, is a 409.
"""

from __future__ import annotations

from functools import partial
from uuid import UUID

import asyncpg
from fastapi import APIRouter, Response
from shared.adapters import Connection
from shared.adapters.listing import Filters, page
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from assistance.adapters.aid import views
from assistance.domain.aid.codes import Programme
from assistance.domain.aid.payment import PaymentStatus
from assistance.entrypoints.api.aid.schemas import DisburseIn, PaymentOut
from assistance.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from assistance.entrypoints.api.households.view import log_related_reads
from assistance.service_layer.aid import commands as c
from assistance.service_layer.commands import CommandResult

router = APIRouter(prefix="/api/v1/payments", tags=["资金发放 payments"])


def payment_out(row: asyncpg.Record) -> PaymentOut:
    return PaymentOut(**dict(row))


async def _render(conn: Connection, result: CommandResult) -> PaymentOut | None:
    row = await views.payment(conn, "/", result.aggregate_id)
    return payment_out(row) if row else None


@router.post("/{payment_id}/disburse", response_model=PaymentOut)
async def disburse_payment(payment_id: UUID, body: DisburseIn, command: Commanding) -> Response:
    """确认发放: record that the money was paid (exactly once; a repeat returns the payment)."""

    make = partial(
        c.DisbursePayment,
        payment_id=payment_id,
        paid_by=command.principal.subject,
        **body.model_dump(),
    )

    return await command.run(make, _render)


@router.post("/{payment_id}/cancel", response_model=PaymentOut)
async def cancel_payment(payment_id: UUID, command: Commanding) -> Response:
    """撤销: cancel a payment not yet paid; its amount returns to the budget."""

    make = partial(c.CancelPayment, payment_id=payment_id)

    return await command.run(make, _render)


@router.get("", response_model=Page[PaymentOut])
async def list_payments(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    status: PaymentStatus | None = None,
    programme: Programme | None = None,
    application_id: UUID | None = None,
    batch_id: UUID | None = None,
    household_id: UUID | None = None,
    member_id: UUID | None = None,
) -> Page[PaymentOut]:
    """List payment orders in the caller's subtree, newest first."""
    async with container.pool.acquire() as conn:
        filters = (
            Filters("o.path", await scope_path(conn, principal))
            .equal("p.status", status)
            .equal("p.programme", programme)
            .equal("p.application_id", application_id)
            .equal("p.batch_id", batch_id)
            .equal("p.household_id", household_id)
            .equal("p.member_id", member_id)
        )
        rows, total = await page(
            conn,
            views.PAYMENTS,
            filters,
            views.PAYMENT_COLUMNS,
            "p.created_at DESC, p.id",
            paging.limit,
            paging.offset,
        )
        await log_related_reads(conn, principal, (r["household_id"] for r in rows), "payments")
    return paging.page([payment_out(row) for row in rows], total)


@router.get("/{payment_id}", response_model=PaymentOut)
async def get_payment(payment_id: UUID, principal: Reader, container: ContainerDep) -> PaymentOut:
    """One payment order."""
    async with container.pool.acquire() as conn:
        row = await views.payment(conn, await scope_path(conn, principal), payment_id)
        if row is not None:
            await log_related_reads(conn, principal, [row["household_id"]], "payment")
    if row is None:
        raise not_found("付款单")
    return payment_out(row)
