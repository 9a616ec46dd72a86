"""Handlers of festival payment batches: start one, and pay its next chunk.

Each chunk is one transaction: claim pending items (locked, so a second worker takes other
items), ask the budget for as many payments as it covers in one conditional statement, create
those payments already paid (with their ``AidPaid`` in the outbox), mark the items paid or
skipped with the reason. A crash loses at most the chunk in flight, which stays pending and is
paid on resumption; the unique (batch, household) payment makes a second payment impossible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import InvalidValue, NotFound

from assistance.domain.aid.budget import ensure_programme
from assistance.domain.aid.payment import Funding, Payee, Payment
from assistance.domain.aid.payment_batch import (
    Candidate,
    PaymentBatch,
    Selection,
    batch_pay_day,
    decide_items,
    eligible,
)
from assistance.domain.amounts import ensure_year
from assistance.domain.history import Dating
from assistance.service_layer.aid import commands as c
from assistance.service_layer.aid.budgets import budget_of
from assistance.service_layer.commands import CommandResult
from assistance.service_layer.scope import organisation_in_scope

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork


@dataclass(frozen=True)
class ChunkResult:
    """What one chunk did: items claimed and paid, and whether the batch is now complete."""

    claimed: int
    paid: int
    completed: bool


async def start_payment_batch(cmd: c.StartPaymentBatch, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.budget_org_id, cmd.scope_root, field="budget_org_id")
        selection = Selection.of(
            org_id=cmd.org_id, levels=cmd.levels, household_ids=cmd.household_ids
        )
        if cmd.org_id is not None:
            await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="selection.org_id")
            if not await uow.replica.is_within(cmd.org_id, cmd.budget_org_id):
                raise InvalidValue("所选组织须在预算组织辖区内", field="selection.org_id")
        today = uow.today()
        programme, year = ensure_programme(cmd.programme), ensure_year(cmd.year)
        dating = Dating(today, uow.history_from)
        # The day is checked before the budget is looked up: a day outside the budget year is
        # the cadre's mistake to name, not a missing budget.
        paid_on = batch_pay_day(cmd.paid_on or today, year=year, dating=dating)
        budget = await budget_of(uow, cmd.budget_org_id, programme, year, field="budget_org_id")
        batch = PaymentBatch.start(
            batch_id=cmd.batch_id,
            programme=programme,
            year=year,
            budget_id=budget.id,
            budget_org_id=cmd.budget_org_id,
            amount_fen=cmd.amount_fen,
            method=cmd.method,
            paid_on=paid_on,
            selection=selection,
            created_by=cmd.created_by,
            today=today,
            dating=dating,
        )
        budget = await budget_of(
            uow, cmd.budget_org_id, batch.programme, batch.year, field="budget_org_id"
        )
        batch.budget_id = budget.id
        batch.listed(await uow.payment_batches.list_items(batch))
        await uow.payment_batches.add(batch)
        await uow.commit()
    return CommandResult(batch.id, batch.version)


async def pay_next_chunk(batch_id: UUID, uow: AbstractUnitOfWork, chunk_size: int) -> ChunkResult:
    """Pay the next chunk of a batch's pending items in one transaction."""
    async with uow:
        batch = await uow.payment_batches.get(batch_id)
        if batch is None:
            raise NotFound("批量发放不存在", field="batch_id")
        if batch.is_completed:
            return ChunkResult(0, 0, True)
        candidates = await uow.payment_batches.claim_pending(batch, chunk_size)
        granted = 0
        if candidates:
            granted = await uow.budgets.pay_up_to(
                batch.budget_id, len(eligible(candidates)), batch.amount_fen
            )
            outcomes = decide_items(candidates, granted)
            payments = [_payment(batch, o.candidate) if o.is_paid else None for o in outcomes]
            for payment in payments:
                if payment is not None:
                    await uow.payments.add(payment)
            await uow.payment_batches.record_outcomes(
                batch, outcomes, [p.id if p else None for p in payments]
            )
        completed = await uow.payment_batches.complete_if_done(batch.id)
        await uow.commit()
    return ChunkResult(len(candidates), granted, completed)


def _payment(batch: PaymentBatch, candidate: Candidate) -> Payment:
    assert candidate.org_id is not None, "an eligible household is on file somewhere"
    return Payment.paid_in_batch(
        batch_id=batch.id,
        payee=Payee(
            candidate.org_id,
            candidate.household_id,
            candidate.head_member_id,
            candidate.employer_id,
        ),
        funding=Funding(batch.programme, batch.budget_id, batch.budget_org_id),
        amount_fen=batch.amount_fen,
        method=batch.method,
        paid_on=batch.paid_on,
        paid_by=batch.created_by,
    )
