"""Ports: the replica and the unit of work the handlers need (adapters and fakes implement
them). Each area declares its repositories in its own ``ports`` module."""

from __future__ import annotations

import abc
from datetime import date
from typing import ClassVar, Protocol
from uuid import UUID

from shared.outbox import PendingEvent
from shared.seedwork import RecordedEvent
from shared.service_layer import PersonalDataProtector, Repository, UnitOfWork

from disputes.domain.dating import DEFAULT_HISTORY_FROM, Dating
from disputes.domain.replica import ReplicaEmployer, ReplicaMember, ReplicaOrganisation
from disputes.service_layer import cases, network, reception
from disputes.service_layer.areas import AREAS
from disputes.service_layer.translation import publishes, translate


class Replica(abc.ABC):
    """The organisation tree, employers and members as last published by membership."""

    @abc.abstractmethod
    async def organisation(self, org_id: UUID) -> ReplicaOrganisation | None:
        """The organisation, dissolved ones included; ``None`` if never published."""

    @abc.abstractmethod
    async def employer(self, employer_id: UUID) -> ReplicaEmployer | None:
        """The employer; ``None`` if never published."""

    @abc.abstractmethod
    async def member(self, member_id: UUID) -> ReplicaMember | None:
        """The membership; ``None`` if never published."""

    @abc.abstractmethod
    async def is_within(self, org_id: UUID, scope_root: UUID | None) -> bool:
        """Whether ``org_id`` is ``scope_root`` or below it (any known org when ``None``)."""


class Protector(PersonalDataProtector, Protocol):
    """Seals personal data and documents (``shared.pii.PiiCipher`` fits)."""

    def seal(self, data: bytes) -> bytes:
        """Authenticated encryption of bytes (an evidence document)."""
        ...


class AbstractUnitOfWork(
    network.Repositories,
    reception.Repositories,
    cases.Repositories,
    UnitOfWork,
):
    """Disputes' business transaction (see :class:`shared.service_layer.UnitOfWork`)."""

    REPOSITORIES: ClassVar[tuple[str, ...]] = tuple(
        name for area in AREAS for name in area.REPOSITORIES
    )

    replica: Replica
    protector: Protector
    history_from: date = DEFAULT_HISTORY_FROM
    """The earliest date a past contact, case, warning or legal aid may be given
    (``DISPUTES_HISTORY_FROM``)."""

    def dating(self) -> Dating:
        """The window a date given for a past fact must fall in, as of today."""
        return Dating(self.today(), self.history_from)

    def pending_events(self) -> list[PendingEvent]:
        """Only the events a contract stands for leave; the others stay in the history."""
        recorded = [event for aggregate in self._seen_aggregates() for event in aggregate.events]
        return [self._translate(e) for e in [*recorded, *self._emitted] if publishes(e.event)]

    def _translate(self, recorded: RecordedEvent) -> PendingEvent:
        return translate(
            recorded, correlation_id=self.correlation_id, causation_id=self.causation_id
        )


__all__ = ["AbstractUnitOfWork", "PersonalDataProtector", "Protector", "Replica", "Repository"]
