"""Assistance flow events → one row per payment, visit, receipt, enrolment and claim.

Each row is keyed by the publisher's own id of the thing (``payment_id``, ``visit_id`` …), so
whatever reaches the consumer twice — a redelivery, or the same payment published again under
a new event id — is counted once. Each projector says whether it recorded something new, so
that a payment published again does not appear twice in the member's timeline either.
"""

from __future__ import annotations

from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import assistance as contracts

from reporting.adapters.projections.household_orgs import ORG_ON_DAY_SQL

Conn: TypeAlias = "asyncpg.Connection[Any]"


def inserted(status: str) -> bool:
    """Whether an ``INSERT … ON CONFLICT DO NOTHING`` of one row added it (``INSERT 0 1``)."""
    return status.endswith(" 1")


async def application_submitted(
    conn: Conn, event: contracts.ApplicationSubmitted, event_id: UUID
) -> bool:
    """Kept so that later events of the application (a rejection) find its member."""
    status = await conn.execute(
        "INSERT INTO aid_applications (application_id, org_id, submitted_on, programme,"
        " household_id, member_id, requested_fen) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        " ON CONFLICT (application_id) DO NOTHING",
        event.application_id, event.org_id, event.occurred_on, event.programme,
        event.household_id, event.member_id, event.requested_fen,
    )  # fmt: skip
    return inserted(status)


_PAYMENT_ORG = ORG_ON_DAY_SQL.format(household="$6::uuid", day="$3::date", recorded="$2::uuid")
_VISIT_ORG = ORG_ON_DAY_SQL.format(household="$5::uuid", day="$3::date", recorded="$2::uuid")


async def aid_paid(conn: Conn, event: contracts.AidPaid, event_id: UUID) -> bool:
    """One 帮扶人次 of ``programme`` on the payment date, under the household's union that day."""
    status = await conn.execute(
        "INSERT INTO aid_payments (payment_id, org_id, recorded_org_id, paid_on, programme,"
        " amount_fen, household_id, member_id, employer_id, application_id, batch_id,"
        f" budget_org_id, method) VALUES ($1, {_PAYMENT_ORG}, $2, $3, $4, $5, $6, $7, $8, $9,"
        " $10, $11, $12) ON CONFLICT (payment_id) DO NOTHING",
        event.payment_id, event.org_id, event.occurred_on, event.programme, event.amount_fen,
        event.household_id, event.member_id, event.employer_id, event.application_id,
        event.batch_id, event.budget_org_id, event.method,
    )  # fmt: skip
    return inserted(status)


async def visit_recorded(conn: Conn, event: contracts.VisitRecorded, event_id: UUID) -> bool:
    """One 走访人次 on the visit's date, under the household's union that day."""
    status = await conn.execute(
        "INSERT INTO visits (visit_id, org_id, recorded_org_id, visited_on, occasion,"
        f" household_id, member_id, employer_id) VALUES ($1, {_VISIT_ORG}, $2, $3, $4, $5, $6,"
        " $7) ON CONFLICT (visit_id) DO NOTHING",
        event.visit_id, event.org_id, event.occurred_on, event.occasion, event.household_id,
        event.member_id, event.employer_id,
    )  # fmt: skip
    return inserted(status)


async def campaign_opened(
    conn: Conn, event: contracts.DonationCampaignOpened, event_id: UUID
) -> bool:
    """A donation campaign; its receipts count where each says, not where it was opened."""
    status = await conn.execute(
        "INSERT INTO donation_campaigns (campaign_id, org_id, opened_on, name, closes_on,"
        " target_fen) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (campaign_id) DO NOTHING",
        event.campaign_id, event.org_id, event.occurred_on, event.name, event.closes_on,
        event.target_fen,
    )  # fmt: skip
    return inserted(status)


async def donation_received(conn: Conn, event: contracts.DonationReceived, event_id: UUID) -> bool:
    """One receipt of 募捐 toward ``org_id`` on its date."""
    status = await conn.execute(
        "INSERT INTO donations (receipt_id, campaign_id, org_id, received_on, amount_fen,"
        " donor_kind) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (receipt_id) DO NOTHING",
        event.receipt_id, event.campaign_id, event.org_id, event.occurred_on, event.amount_fen,
        event.donor_kind,
    )  # fmt: skip
    return inserted(status)


async def insurance_enrolled(
    conn: Conn, event: contracts.InsuranceEnrolled, event_id: UUID
) -> bool:
    """A member enrolled in mutual medical insurance (参保) on ``occurred_on``."""
    status = await conn.execute(
        "INSERT INTO insurance_enrolments (enrolment_id, member_id, org_id, enrolled_on,"
        " scheme_year, premium_fen) VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT (enrolment_id) DO NOTHING",
        event.enrolment_id, event.member_id, event.org_id, event.occurred_on, event.scheme_year,
        event.premium_fen,
    )  # fmt: skip
    return inserted(status)


async def insurance_claim_paid(
    conn: Conn, event: contracts.InsuranceClaimPaid, event_id: UUID
) -> bool:
    """A mutual insurance claim paid (报销) on ``occurred_on``."""
    status = await conn.execute(
        "INSERT INTO insurance_claims (claim_id, enrolment_id, member_id, org_id, paid_on,"
        " claim_kind, amount_fen) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        " ON CONFLICT (claim_id) DO NOTHING",
        event.claim_id, event.enrolment_id, event.member_id, event.org_id, event.occurred_on,
        event.claim_kind, event.amount_fen,
    )  # fmt: skip
    return inserted(status)


async def member_of_application(conn: Conn, application_id: UUID) -> UUID | None:
    """The applicant: the application's member, else its household's head."""
    found: UUID | None = await conn.fetchval(
        "SELECT COALESCE(a.member_id, h.head_member_id) FROM aid_applications a"
        " LEFT JOIN households h ON h.household_id = a.household_id"
        " WHERE a.application_id = $1",
        application_id,
    )
    return found
