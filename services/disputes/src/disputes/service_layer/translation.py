"""Domain events → integration contracts (``shared.contracts.disputes``).

The one place deciding what leaves the service: pseudonymous ids, codes, counts, dates and
amounts. Events of a case's history that no contract stands for (a session scheduled, a
document of evidence attached) stay inside: :func:`publishes` says which do leave.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts.registry import IntegrationEvent
from shared.outbox import PendingEvent
from shared.seedwork import DomainEvent, RecordedEvent

from disputes.service_layer.areas import AREAS

Translator = Callable[[Any], IntegrationEvent]


TRANSLATORS: dict[type[DomainEvent], Translator] = {
    event_type: translator for area in AREAS for event_type, translator in area.TRANSLATORS.items()
}
"""Every published domain event type and the contract it becomes."""


def publishes(event: DomainEvent) -> bool:
    """Whether a domain event leaves the service (has a contract)."""
    return type(event) in TRANSLATORS


def translate(
    recorded: RecordedEvent,
    *,
    correlation_id: str | None = None,
    causation_id: str | None = None,
) -> PendingEvent:
    """A recorded domain event as an outbox entry, keyed by its aggregate and version."""
    return PendingEvent(
        event=TRANSLATORS[type(recorded.event)](recorded.event),
        aggregate_id=str(recorded.aggregate_id),
        aggregate_version=recorded.aggregate_version,
        correlation_id=correlation_id,
        causation_id=causation_id,
    )
