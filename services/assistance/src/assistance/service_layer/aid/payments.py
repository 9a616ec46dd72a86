"""Handlers of payment orders: created once per approved application, disbursed exactly once.

- ``create_payment_order`` runs in the ``assistance-payments`` consumer: the payment id is
  derived from the application id and the row is unique on the application, so a redelivered
  approval finds its payment and creates nothing.
- ``disburse_payment`` locks the payment row: a concurrent or repeated confirmation waits, then
  finds it paid and answers with it unchanged (no second ``AidPaid``, no second settlement).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.seedwork import ConcurrentModification, NotFound

from assistance.domain.aid.payment import Payment, payment_id_for_application
from assistance.domain.history import Dating
from assistance.service_layer.aid import commands as c
from assistance.service_layer.commands import CommandResult

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork


async def create_payment_order(cmd: c.CreatePaymentOrder, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        existing = await uow.payments.get(payment_id_for_application(cmd.application_id))
        if existing is not None:
            return CommandResult(existing.id, existing.version)
        application = await uow.applications.get(cmd.application_id)
        if application is None:
            raise NotFound("帮扶申请不存在", field="application_id")
        payment = application.payment_order()
        await uow.payments.add(payment)
        await uow.commit()
    return CommandResult(payment.id, payment.version)


async def disburse_payment(cmd: c.DisbursePayment, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        payment = await _visible_payment(uow, cmd)
        today = uow.today()
        paid_now = payment.disburse(
            cmd.method, paid_on=cmd.paid_on or today, paid_by=cmd.paid_by, today=today,
            dating=Dating(today, uow.history_from),
        )  # fmt: skip
        if paid_now and not await uow.budgets.settle(payment.funding.budget_id, payment.amount_fen):
            raise ConcurrentModification("预算占用额与发放金额不符，请刷新后重试")
        await uow.commit()
    return CommandResult(payment.id, payment.version)


async def cancel_payment(cmd: c.CancelPayment, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        payment = await _visible_payment(uow, cmd)
        payment.cancel(today=uow.today())
        if not await uow.budgets.release(payment.funding.budget_id, payment.amount_fen):
            raise ConcurrentModification("预算占用额与撤销金额不符，请刷新后重试")
        await uow.commit()
    return CommandResult(payment.id, payment.version)


async def _visible_payment(
    uow: AbstractUnitOfWork, cmd: c.DisbursePayment | c.CancelPayment
) -> Payment:
    payment = await uow.payments.get_for_update(cmd.payment_id)
    if payment is None or not await uow.replica.is_within(payment.payee.org_id, cmd.scope_root):
        raise NotFound("付款单不存在", field="payment_id")
    return payment
