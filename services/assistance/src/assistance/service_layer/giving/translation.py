"""Giving domain events → integration contracts: amounts and donor kinds, never donor names
(the domain events do not hold them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import assistance as contracts
from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from assistance.domain.giving import events as giving


def _campaign_opened(e: giving.DonationCampaignOpened) -> IntegrationEvent:
    return contracts.DonationCampaignOpened(
        org_id=e.org_id,
        occurred_on=e.opens_on,
        campaign_id=e.campaign_id,
        name=e.name,
        closes_on=e.closes_on,
        target_fen=e.target_fen,
    )


def _donation_received(e: giving.DonationReceived) -> IntegrationEvent:
    return contracts.DonationReceived(
        org_id=e.org_id,
        occurred_on=e.received_on,
        receipt_id=e.receipt_id,
        campaign_id=e.campaign_id,
        amount_fen=e.amount_fen,
        donor_kind=e.donor_kind,
    )


def _enrolled(e: giving.InsuranceEnrolled) -> IntegrationEvent:
    return contracts.InsuranceEnrolled(
        org_id=e.org_id,
        occurred_on=e.enrolled_on,
        enrolment_id=e.enrolment_id,
        member_id=e.member_id,
        scheme_year=e.scheme_year,
        premium_fen=e.premium_fen,
    )


def _claim_paid(e: giving.InsuranceClaimPaid) -> IntegrationEvent:
    return contracts.InsuranceClaimPaid(
        org_id=e.org_id,
        occurred_on=e.paid_on,
        claim_id=e.claim_id,
        enrolment_id=e.enrolment_id,
        member_id=e.member_id,
        claim_kind=e.claim_kind,
        amount_fen=e.amount_fen,
    )


TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {
    giving.DonationCampaignOpened: _campaign_opened,
    giving.DonationReceived: _donation_received,
    giving.InsuranceEnrolled: _enrolled,
    giving.InsuranceClaimPaid: _claim_paid,
}
"""Every giving domain event type and the contract it becomes."""
