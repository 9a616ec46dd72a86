"""Ports of employment services, declared on the unit of work by :class:`EmploymentRepositories`."""

from __future__ import annotations

import abc
from uuid import UUID

from shared.tracking import TrackingRepository

from training.domain.employment.fair import Fair
from training.domain.employment.placement import Placement
from training.domain.employment.seeker import Posting, Seeker


class SeekerRepository(TrackingRepository[Seeker]):
    """Job seekers."""

    @abc.abstractmethod
    async def lock(self, seeker_id: UUID) -> Seeker | None:
        """The seeker, row locked until the unit ends (one placement at a time)."""


class PostingRepository(TrackingRepository[Posting]):
    """Job postings: published once."""


class FairRepository(TrackingRepository[Fair]):
    """Job fairs."""

    @abc.abstractmethod
    async def lock(self, fair_id: UUID) -> Fair | None:
        """The fair, row locked until the unit ends (its figures change one at a time)."""


class FairSeekers(abc.ABC):
    """Which registered seekers attended which fair (each once)."""

    @abc.abstractmethod
    async def add(self, fair_id: UUID, seeker_id: UUID) -> bool:
        """Record the attendance; False when it was recorded already."""


class PlacementRepository(TrackingRepository[Placement]):
    """Placements and their follow-ups."""


class EmploymentRepositories:
    """The employment repositories a unit of work carries."""

    seekers: SeekerRepository
    postings: PostingRepository
    fairs: FairRepository
    fair_seekers: FairSeekers
    placements: PlacementRepository


REPOSITORIES: tuple[str, ...] = ("seekers", "postings", "fairs", "placements")
"""Attribute names of the tracked repositories, in the order their rows must be written."""
