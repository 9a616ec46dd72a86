"""Aid domain events → integration contracts.

Contracts get ids, codes, dates and amounts: rejection notes never reach an event, because the
domain events do not hold them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import assistance as contracts
from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from assistance.domain.aid import events as aid


def _budget_allocated(e: aid.BudgetAllocated) -> IntegrationEvent:
    return contracts.BudgetAllocated(
        org_id=e.org_id,
        occurred_on=e.allocated_on,
        budget_id=e.budget_id,
        programme=e.programme,
        year=e.year,
        amount_fen=e.amount_fen,
    )


def _submitted(e: aid.ApplicationSubmitted) -> IntegrationEvent:
    return contracts.ApplicationSubmitted(
        org_id=e.org_id,
        occurred_on=e.submitted_on,
        application_id=e.application_id,
        programme=e.programme,
        household_id=e.household_id,
        member_id=e.member_id,
        requested_fen=e.requested_fen,
    )


def _approved(e: aid.ApplicationApproved) -> IntegrationEvent:
    return contracts.ApplicationApproved(
        org_id=e.org_id,
        occurred_on=e.approved_on,
        application_id=e.application_id,
        programme=e.programme,
        household_id=e.household_id,
        member_id=e.member_id,
        approved_fen=e.approved_fen,
        budget_org_id=e.budget_org_id,
    )


def _rejected(e: aid.ApplicationRejected) -> IntegrationEvent:
    return contracts.ApplicationRejected(
        org_id=e.org_id,
        occurred_on=e.rejected_on,
        application_id=e.application_id,
        programme=e.programme,
        step=e.step,
        reason=e.reason,
    )


def _aid_paid(e: aid.AidPaid) -> IntegrationEvent:
    return contracts.AidPaid(
        org_id=e.org_id,
        occurred_on=e.paid_on,
        payment_id=e.payment_id,
        application_id=e.application_id,
        batch_id=e.batch_id,
        programme=e.programme,
        household_id=e.household_id,
        member_id=e.member_id,
        employer_id=e.employer_id,
        amount_fen=e.amount_fen,
        method=e.method,
        budget_org_id=e.budget_org_id,
    )


TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {
    aid.BudgetAllocated: _budget_allocated,
    aid.ApplicationSubmitted: _submitted,
    aid.ApplicationApproved: _approved,
    aid.ApplicationRejected: _rejected,
    aid.AidPaid: _aid_paid,
}
"""Every aid domain event type and the contract it becomes."""
