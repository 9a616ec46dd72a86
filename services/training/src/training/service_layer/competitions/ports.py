"""Ports of competitions, declared on the unit of work by :class:`CompetitionRepositories`."""

from __future__ import annotations

import abc
from uuid import UUID

from shared.tracking import TrackingRepository

from training.domain.competitions.competition import Competition, Entry


class CompetitionRepository(TrackingRepository[Competition]):
    """Competitions with their trades."""


class EntryRepository(TrackingRepository[Entry]):
    """Entrants and their results."""

    @abc.abstractmethod
    async def has_entry(self, competition_id: UUID, trade: str, person_id: UUID) -> bool:
        """Whether the person entered that trade already."""


class CompetitionRepositories:
    """The competition repositories a unit of work carries."""

    competitions: CompetitionRepository
    entries: EntryRepository


REPOSITORIES: tuple[str, ...] = ("competitions", "entries")
