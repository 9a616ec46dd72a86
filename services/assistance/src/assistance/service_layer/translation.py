"""Domain events → integration contracts (``shared.contracts.assistance``).

The one place deciding what leaves the service. Contracts carry pseudonymous ids, codes,
dates and amounts: nothing here reads a name, ID number, phone, address or free text, because
domain events hold none. Each area's translators are listed in ``TRANSLATORS``; an area with
many keeps them in a module of its own and merges its table in with one ``**`` line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import assistance as contracts
from shared.contracts.registry import IntegrationEvent
from shared.outbox import PendingEvent

from assistance.domain import household_events as household
from assistance.domain.events import DomainEvent, RecordedEvent
from assistance.domain.visit import VisitRecorded
from assistance.service_layer.aid_translation import AID_TRANSLATORS

Translator = Callable[[Any], IntegrationEvent]


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


def _visit_recorded(e: VisitRecorded) -> IntegrationEvent:
    return contracts.VisitRecorded(
        org_id=e.org_id,
        occurred_on=e.visited_on,
        visit_id=e.visit_id,
        household_id=e.household_id,
        member_id=e.member_id,
        employer_id=e.employer_id,
        occasion=e.occasion,
    )


TRANSLATORS: dict[type[DomainEvent], Translator] = {
    household.HouseholdFiled: _filed,
    household.HouseholdFormalised: _formalised,
    household.HouseholdReverified: _reverified,
    household.HouseholdRelocated: _relocated,
    household.HouseholdFlagged: _flagged,
    household.HouseholdExited: _exited,
    household.HouseholdCancelled: _cancelled,
    VisitRecorded: _visit_recorded,
    **AID_TRANSLATORS,
}
"""Every domain event type and the contract it becomes."""


def to_integration_event(event: DomainEvent) -> IntegrationEvent:
    """The integration contract for one domain event.

    Raises:
        KeyError: a domain event type without a translator (a programming error).
    """
    return TRANSLATORS[type(event)](event)


def translate(
    recorded: RecordedEvent,
    *,
    correlation_id: str | None = None,
    causation_id: str | None = None,
) -> PendingEvent:
    """A recorded domain event as an outbox entry, keyed by its aggregate and version."""
    return PendingEvent(
        event=to_integration_event(recorded.event),
        aggregate_id=str(recorded.aggregate_id),
        aggregate_version=recorded.aggregate_version,
        correlation_id=correlation_id,
        causation_id=causation_id,
    )
