"""Reception domain events → integration contracts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts import disputes as contracts
from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from disputes.domain.reception.contact import ContactClosed, ContactLogged


def _logged(e: ContactLogged) -> IntegrationEvent:
    return contracts.ContactLogged(
        org_id=e.org_id,
        occurred_on=e.contacted_on,
        contact_id=e.contact_id,
        channel=e.channel,
        workers_involved=e.workers_involved,
        category=e.category,
    )


def _closed(e: ContactClosed) -> IntegrationEvent:
    return contracts.ContactClosed(
        org_id=e.org_id,
        occurred_on=e.closed_on,
        contact_id=e.contact_id,
        outcome=e.outcome,
        case_id=e.case_id,
    )


TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {
    ContactLogged: _logged,
    ContactClosed: _closed,
}
