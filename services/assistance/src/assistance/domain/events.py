"""Domain events: facts the aggregates record. They stay inside the service.

``service_layer.translation`` turns them into the integration contracts of
``shared.contracts.assistance``. Each area declares its events in its own package (e.g.
``domain.households.events``) as frozen dataclasses deriving from :class:`DomainEvent`; they
hold ids, codes, dates and amounts — names and personal data stay on the aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


class DomainEvent:
    """Marker base of every domain event."""


@dataclass(frozen=True)
class RecordedEvent:
    """A domain event stamped with the aggregate and the version its change produced."""

    event: DomainEvent
    aggregate_id: UUID
    aggregate_version: int
