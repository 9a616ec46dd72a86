"""Domain events → integration contracts (``shared.contracts.assistance``).

The one place deciding what leaves the service. Contracts carry pseudonymous ids, codes,
dates and amounts: nothing here reads a name, ID number, phone, address or free text, because
domain events hold none. Each area keeps its translators in its own package
(``service_layer.<area>.translation``) and exposes them as its ``TRANSLATORS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts.registry import IntegrationEvent
from shared.outbox import PendingEvent
from shared.seedwork import DomainEvent, RecordedEvent

from assistance.service_layer.areas import AREAS

Translator = Callable[[Any], IntegrationEvent]


TRANSLATORS: dict[type[DomainEvent], Translator] = {
    event_type: translator for area in AREAS for event_type, translator in area.TRANSLATORS.items()
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
