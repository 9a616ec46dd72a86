"""Hardship-file domain events → integration contracts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import assistance as contracts
from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from assistance.domain.households import events as household


def _filed(e: household.HouseholdFiled) -> IntegrationEvent:
    return contracts.HouseholdFiled(
        org_id=e.org_id,
        occurred_on=e.filed_on,
        household_id=e.household_id,
        head_member_id=e.head_member_id,
        employer_id=e.employer_id,
        level=e.level,
        causes=list(e.causes),
        family_size=e.family_size,
        temporary=e.temporary,
    )


def _formalised(e: household.HouseholdFormalised) -> IntegrationEvent:
    return contracts.HouseholdFormalised(
        org_id=e.org_id, occurred_on=e.formalised_on, household_id=e.household_id, level=e.level
    )


def _reverified(e: household.HouseholdReverified) -> IntegrationEvent:
    return contracts.HouseholdReverified(
        org_id=e.org_id,
        occurred_on=e.verified_on,
        household_id=e.household_id,
        level=e.level,
        previous_level=e.previous_level,
    )


def _relocated(e: household.HouseholdRelocated) -> IntegrationEvent:
    return contracts.HouseholdRelocated(
        org_id=e.org_id,
        occurred_on=e.relocated_on,
        household_id=e.household_id,
        from_org_id=e.from_org_id,
        reason=e.reason,
    )


def _flagged(e: household.HouseholdFlagged) -> IntegrationEvent:
    return contracts.HouseholdFlagged(
        org_id=e.org_id, occurred_on=e.flagged_on, household_id=e.household_id, flag=e.flag
    )


def _exited(e: household.HouseholdExited) -> IntegrationEvent:
    return contracts.HouseholdExited(
        org_id=e.org_id, occurred_on=e.exited_on, household_id=e.household_id, reason=e.reason
    )


def _cancelled(e: household.HouseholdCancelled) -> IntegrationEvent:
    return contracts.HouseholdCancelled(
        org_id=e.org_id, occurred_on=e.cancelled_on, household_id=e.household_id, reason=e.reason
    )


TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {
    household.HouseholdFiled: _filed,
    household.HouseholdFormalised: _formalised,
    household.HouseholdReverified: _reverified,
    household.HouseholdRelocated: _relocated,
    household.HouseholdFlagged: _flagged,
    household.HouseholdExited: _exited,
    household.HouseholdCancelled: _cancelled,
}
"""Every hardship-file domain event type and the contract it becomes."""
