"""Giving in the adapters: SQL repositories and read views of donation campaigns and receipts,
and of mutual insurance enrolments and claims.

The area's one registration point in the adapters: how each of its repositories is built on a
connection (see ``adapters.areas``). What its unique constraints mean to a caller is in
``constraints``, which its repositories pass to the kit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.adapters import Connection

from assistance.adapters.giving.donations import (
    SqlDonationCampaignRepository,
    SqlDonationReceiptRepository,
)
from assistance.adapters.giving.insurance import (
    SqlInsuranceClaimRepository,
    SqlInsuranceEnrolmentRepository,
)

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "donation_campaigns": SqlDonationCampaignRepository,
    "donation_receipts": SqlDonationReceiptRepository,
    "insurance_enrolments": SqlInsuranceEnrolmentRepository,
    "insurance_claims": SqlInsuranceClaimRepository,
}
