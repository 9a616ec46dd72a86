"""Aggregates and the domain events they record."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


class DomainEvent:
    """Marker base of every domain event.

    Domain events stay inside their service; its service layer translates them into the
    integration contracts of :mod:`shared.contracts`. They hold ids, codes, dates, counts and
    amounts — names and personal data stay on the aggregates.
    """


@dataclass(frozen=True)
class RecordedEvent:
    """A domain event stamped with the aggregate and the version its change produced."""

    event: DomainEvent
    aggregate_id: UUID
    aggregate_version: int


class Aggregate:
    """A consistency boundary.

    ``version`` starts at 0 for an aggregate not yet created and grows by one per recorded
    change; it becomes the integration event's ``aggregate_version`` and the optimistic
    concurrency check of the SQL repositories. Subclasses are dataclasses declaring ``id``,
    ``version`` and ``events``; reconstituting one from storage records nothing.
    """

    id: UUID
    version: int
    events: list[RecordedEvent]

    def _record(self, event: DomainEvent) -> None:
        self.version += 1
        self.events.append(
            RecordedEvent(event=event, aggregate_id=self.id, aggregate_version=self.version)
        )

    def _touch(self) -> None:
        """A change that publishes nothing (e.g. editing a draft) still moves the version."""
        self.version += 1
