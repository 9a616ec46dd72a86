"""Ports of visits, declared on the unit of work by :class:`VisitRepositories`."""

from __future__ import annotations

from shared.tracking import TrackingRepository

from assistance.domain.visits.visit import Visit


class VisitRepository(TrackingRepository[Visit]):
    """Visits (走访慰问): written once."""


class VisitRepositories:
    """The visit repositories a unit of work carries."""

    visits: VisitRepository


REPOSITORIES: tuple[str, ...] = ("visits",)
"""Attribute names of :class:`VisitRepositories`, in the order their rows must be written."""
