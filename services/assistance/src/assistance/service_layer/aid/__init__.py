"""Aid (帮扶) in the service layer: budgets, applications and their approval chain, payment
orders and festival payment batches.

The area's one registration point: the handlers, translators and repositories the
service-wide tables take from it (see ``service_layer.areas``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistance.service_layer.aid import applications, budgets, payment_batches, payments
from assistance.service_layer.aid import commands as c
from assistance.service_layer.aid.ports import REPOSITORIES
from assistance.service_layer.aid.ports import AidRepositories as Repositories
from assistance.service_layer.aid.translation import TRANSLATORS

if TYPE_CHECKING:
    from assistance.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    c.AllocateBudget: budgets.allocate_budget,
    c.SubmitApplication: applications.submit_application,
    c.GiveOpinion: applications.give_opinion,
    c.ReviewApplication: applications.review_application,
    c.ApproveApplication: applications.approve_application,
    c.RejectApplication: applications.reject_application,
    c.CreatePaymentOrder: payments.create_payment_order,
    c.DisbursePayment: payments.disburse_payment,
    c.CancelPayment: payments.cancel_payment,
    c.StartPaymentBatch: payment_batches.start_payment_batch,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
