"""Ports of donations and mutual insurance, declared on the unit of work by
:class:`GivingRepositories`; :data:`REPOSITORIES` lists them in the order their rows must be
written (a campaign before its receipts, an enrolment before its claims)."""

from __future__ import annotations

from shared.tracking import TrackingRepository

from assistance.domain.giving.donation import DonationCampaign, DonationReceipt
from assistance.domain.giving.insurance import InsuranceClaim, InsuranceEnrolment


class DonationCampaignRepository(TrackingRepository[DonationCampaign]):
    """Donation campaigns."""


class DonationReceiptRepository(TrackingRepository[DonationReceipt]):
    """Donations received: written once."""


class InsuranceEnrolmentRepository(TrackingRepository[InsuranceEnrolment]):
    """Mutual insurance enrolments; one per member and scheme year (a second is a Conflict)."""


class InsuranceClaimRepository(TrackingRepository[InsuranceClaim]):
    """Mutual insurance claims paid: written once."""


class GivingRepositories:
    """The giving repositories a unit of work carries."""

    donation_campaigns: DonationCampaignRepository
    donation_receipts: DonationReceiptRepository
    insurance_enrolments: InsuranceEnrolmentRepository
    insurance_claims: InsuranceClaimRepository


REPOSITORIES: tuple[str, ...] = (
    "donation_campaigns",
    "donation_receipts",
    "insurance_enrolments",
    "insurance_claims",
)
"""Attribute names of :class:`GivingRepositories`, in the order their rows must be written."""
