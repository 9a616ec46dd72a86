"""Giving in the adapters: SQL repositories and read views of donation campaigns and receipts,
and of mutual insurance enrolments and claims.

The area's one registration point in the adapters: how each of its repositories is built on a
connection, and what a violation of each of its unique constraints means (see
``adapters.areas``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistance.adapters.giving.donations import (
    SqlDonationCampaignRepository,
    SqlDonationReceiptRepository,
)
from assistance.adapters.giving.insurance import (
    SqlInsuranceClaimRepository,
    SqlInsuranceEnrolmentRepository,
)
from assistance.adapters.sql_base import Connection
from assistance.domain.errors import Conflict
from assistance.domain.giving.errors import AlreadyEnrolled

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "donation_campaigns": SqlDonationCampaignRepository,
    "donation_receipts": SqlDonationReceiptRepository,
    "insurance_enrolments": SqlInsuranceEnrolmentRepository,
    "insurance_claims": SqlInsuranceClaimRepository,
}
CONSTRAINT_FIELDS: dict[str, str] = {
    "one_enrolment_per_member_year": "member_id",
}
CONSTRAINT_ERRORS: dict[str, type[Conflict]] = {
    "one_enrolment_per_member_year": AlreadyEnrolled,
}
