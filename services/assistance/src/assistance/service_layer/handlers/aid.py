"""The aid handlers' table, merged into ``handlers.HANDLERS``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from assistance.service_layer import aid_commands as c
from assistance.service_layer.commands import Command, CommandResult
from assistance.service_layer.handlers import (
    aid_applications,
    aid_budgets,
    aid_donations,
    aid_insurance,
    aid_payment_batches,
    aid_payments,
)
from assistance.service_layer.ports import AbstractUnitOfWork

AID_HANDLERS: dict[type[Command], Callable[[Any, AbstractUnitOfWork], Awaitable[CommandResult]]] = {
    c.AllocateBudget: aid_budgets.allocate_budget,
    c.SubmitApplication: aid_applications.submit_application,
    c.GiveOpinion: aid_applications.give_opinion,
    c.ReviewApplication: aid_applications.review_application,
    c.ApproveApplication: aid_applications.approve_application,
    c.RejectApplication: aid_applications.reject_application,
    c.CreatePaymentOrder: aid_payments.create_payment_order,
    c.DisbursePayment: aid_payments.disburse_payment,
    c.CancelPayment: aid_payments.cancel_payment,
    c.StartPaymentBatch: aid_payment_batches.start_payment_batch,
    c.OpenDonationCampaign: aid_donations.open_campaign,
    c.RecordDonation: aid_donations.record_donation,
    c.EnrolInsurance: aid_insurance.enrol_member,
    c.PayInsuranceClaim: aid_insurance.pay_claim,
}
