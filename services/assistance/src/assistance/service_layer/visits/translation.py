"""Visit domain events → integration contracts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import assistance as contracts
from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from assistance.domain.visits.visit import VisitRecorded


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


TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {
    VisitRecorded: _visit_recorded,
}
"""Every visit domain event type and the contract it becomes."""
