"""Events of donations and mutual insurance.

They hold ids, codes, dates and amounts only: donor names stay on the receipts, so nothing that
could name a person leaves the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.seedwork import DomainEvent

from assistance.domain.giving.codes import ClaimKind, DonorKind


@dataclass(frozen=True)
class DonationCampaignOpened(DomainEvent):
    campaign_id: UUID
    org_id: UUID
    name: str
    opens_on: date
    closes_on: date | None
    target_fen: int | None


@dataclass(frozen=True)
class DonationReceived(DomainEvent):
    receipt_id: UUID
    campaign_id: UUID
    org_id: UUID
    amount_fen: int
    donor_kind: DonorKind
    received_on: date


@dataclass(frozen=True)
class InsuranceEnrolled(DomainEvent):
    enrolment_id: UUID
    org_id: UUID
    member_id: UUID
    scheme_year: int
    premium_fen: int
    enrolled_on: date


@dataclass(frozen=True)
class InsuranceClaimPaid(DomainEvent):
    claim_id: UUID
    enrolment_id: UUID
    org_id: UUID
    member_id: UUID
    claim_kind: ClaimKind
    amount_fen: int
    paid_on: date
