"""Ports: the repositories, replica, people register and unit of work handlers need.

Adapters (SQL) and tests (in-memory fakes) implement these. Each area declares its
repositories in its own package (``service_layer.<area>.ports``) and their names in write order.
"""

from __future__ import annotations

import abc
from datetime import date
from typing import ClassVar
from uuid import UUID

from shared.outbox import PendingEvent
from shared.seedwork import RecordedEvent
from shared.service_layer import PersonLinkingProtector, UnitOfWork

from training.domain.dating import DEFAULT_HISTORY_FROM, Dating
from training.domain.replica import ReplicaEmployer, ReplicaMember, ReplicaOrganisation
from training.service_layer import classes, competitions, employment
from training.service_layer.areas import AREAS
from training.service_layer.people import SealedPerson
from training.service_layer.translation import translate


class Replica(abc.ABC):
    """Organisations, employers and members as last published by membership (read-only)."""

    @abc.abstractmethod
    async def organisation(self, org_id: UUID) -> ReplicaOrganisation | None:
        """The organisation, dissolved ones included; ``None`` if never published."""

    @abc.abstractmethod
    async def member(self, member_id: UUID) -> ReplicaMember | None:
        """The membership; ``None`` if never published."""

    @abc.abstractmethod
    async def employer(self, employer_id: UUID) -> ReplicaEmployer | None:
        """The employer; ``None`` if never registered."""

    @abc.abstractmethod
    async def is_within(self, org_id: UUID, scope_root: UUID | None) -> bool:
        """Whether ``org_id`` is ``scope_root`` or below it (any known org when ``None``)."""


class People(abc.ABC):
    """The register of people, by the blind index of their ID number."""

    @abc.abstractmethod
    async def identify(
        self, person: SealedPerson, member_id: UUID | None
    ) -> tuple[UUID, UUID | None]:
        """The person's id and linked member, registering them (or refreshing name and phone)
        in one statement that concurrent registrations of the same person cannot duplicate."""

    @abc.abstractmethod
    async def link_of(self, person_id: UUID) -> str | None:
        """The person's platform-wide link (``None`` for a row not linked yet)."""


class AbstractUnitOfWork(
    classes.Repositories,
    employment.Repositories,
    competitions.Repositories,
    UnitOfWork,
):
    """Training's business transaction (see :class:`shared.service_layer.UnitOfWork`)."""

    REPOSITORIES: ClassVar[tuple[str, ...]] = tuple(
        name for area in AREAS for name in area.REPOSITORIES
    )

    replica: Replica
    people: People
    protector: PersonLinkingProtector
    history_from: date = DEFAULT_HISTORY_FROM
    """The earliest business date a command may give (``TRAINING_HISTORY_FROM``)."""

    def dating(self) -> Dating:
        """The window a date given for a past fact must fall in, as of today."""
        return Dating(self.today(), self.history_from)

    def _translate(self, recorded: RecordedEvent) -> PendingEvent:
        return translate(
            recorded, correlation_id=self.correlation_id, causation_id=self.causation_id
        )
