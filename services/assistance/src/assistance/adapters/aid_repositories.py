"""How each aid repository is built on a connection; merged into the unit of work's table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistance.adapters.aid_applications import SqlApplicationRepository
from assistance.adapters.aid_budgets import SqlBudgetRepository
from assistance.adapters.aid_donations import (
    SqlDonationCampaignRepository,
    SqlDonationReceiptRepository,
)
from assistance.adapters.aid_insurance import (
    SqlInsuranceClaimRepository,
    SqlInsuranceEnrolmentRepository,
)
from assistance.adapters.aid_payment_batches import SqlPaymentBatchRepository
from assistance.adapters.aid_payments import SqlPaymentRepository
from assistance.adapters.sql_base import Connection

AID_SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "budgets": SqlBudgetRepository,
    "applications": SqlApplicationRepository,
    "payment_batches": SqlPaymentBatchRepository,
    "payments": SqlPaymentRepository,
    "donation_campaigns": SqlDonationCampaignRepository,
    "donation_receipts": SqlDonationReceiptRepository,
    "insurance_enrolments": SqlInsuranceEnrolmentRepository,
    "insurance_claims": SqlInsuranceClaimRepository,
}
