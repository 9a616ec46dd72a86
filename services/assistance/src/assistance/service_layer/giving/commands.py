"""Commands of donations (募捐) and mutual medical insurance (职工互助医疗保障)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from assistance.service_layer.commands import Command


@dataclass(frozen=True, kw_only=True)
class OpenDonationCampaign(Command):
    org_id: UUID
    name: str
    opens_on: date
    created_by: str
    closes_on: date | None = None
    target_fen: int | None = None
    campaign_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class RecordDonation(Command):
    campaign_id: UUID
    amount_fen: int
    donor_kind: str
    received_on: date
    recorded_by: str
    donor_name: str | None = field(default=None, repr=False)
    receipt_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class EnrolInsurance(Command):
    member_id: UUID
    scheme_year: int
    premium_fen: int
    enrolled_on: date
    recorded_by: str
    enrolment_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class PayInsuranceClaim(Command):
    enrolment_id: UUID
    claim_kind: str
    amount_fen: int
    paid_on: date
    recorded_by: str
    claim_id: UUID = field(default_factory=uuid4)
