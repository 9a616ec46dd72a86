"""Ports: the repositories, replica, personal-data protector and unit of work handlers need.

Adapters (SQL) and tests (in-memory fakes) implement these. Only look-ups that commands need
live here; listings read views directly.

Each area declares its repositories in its own package (``service_layer.<area>.ports``): a
class of attributes the unit of work derives from, and their names in foreign-key order. Adding
a repository: declare it there and add its name to the area's ``REPOSITORIES``; the SQL unit
builds it from the area's ``adapters.<area>.SQL_REPOSITORIES``, the unit-test fake from
``tests/unit/fakes.py``.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from datetime import date
from types import TracebackType
from typing import Any, ClassVar, Protocol, Self
from uuid import UUID

from shared.identifiers import today_in_china
from shared.outbox import PendingEvent
from shared.tracking import TrackingRepository

from assistance.domain.aggregate import Aggregate
from assistance.domain.events import RecordedEvent
from assistance.domain.replica import ReplicaMember, ReplicaOrganisation
from assistance.service_layer import aid, giving, households, visits
from assistance.service_layer.areas import AREAS
from assistance.service_layer.translation import translate


class PersonalDataProtector(Protocol):
    """Seals personal data before it reaches a repository (``shared.pii.PiiCipher`` fits)."""

    def blind_index(self, value: str) -> str:
        """Keyed, deterministic index of a value: equal values give equal indexes."""
        ...

    def encrypt(self, plaintext: str) -> bytes:
        """Authenticated encryption of a value."""
        ...


class Repository(Protocol):
    """What the unit of work needs of every repository: forget, then write at commit."""

    def reset(self) -> None: ...

    async def flush(self) -> None: ...


class Replica(abc.ABC):
    """The organisation tree and member statuses as last published by membership (read-only)."""

    @abc.abstractmethod
    async def organisation(self, org_id: UUID) -> ReplicaOrganisation | None:
        """The organisation, dissolved ones included; ``None`` if never published."""

    @abc.abstractmethod
    async def member(self, member_id: UUID) -> ReplicaMember | None:
        """The membership; ``None`` if never published."""

    @abc.abstractmethod
    async def is_within(self, org_id: UUID, scope_root: UUID | None) -> bool:
        """Whether ``org_id`` is ``scope_root`` or below it (any known org when ``None``)."""


class AbstractUnitOfWork(
    households.Repositories,
    visits.Repositories,
    aid.Repositories,
    giving.Repositories,
    abc.ABC,
):
    """One business transaction: repositories, the integration events it produces, commit.

    Use ``async with uow:`` then ``await uow.commit()``; leaving the block without a commit
    rolls back. At commit the domain events of every aggregate the unit touched (and any it
    was handed with :meth:`emit`) become :class:`~shared.outbox.PendingEvent` s, which
    ``_commit`` writes in the same transaction as the rows.
    """

    REPOSITORIES: ClassVar[tuple[str, ...]] = tuple(
        name for area in AREAS for name in area.REPOSITORIES
    )
    """Attribute names of the repositories, in the order their rows must be written (area by
    area: a later area's rows may refer to an earlier one's)."""

    replica: Replica

    def __init__(
        self, protector: PersonalDataProtector, *, clock: Callable[[], date] = today_in_china
    ) -> None:
        self.protector = protector
        self.correlation_id: str | None = None
        self.causation_id: str | None = None
        """The event that caused this unit's changes, when a consumer runs it."""
        self._clock = clock
        self._emitted: list[RecordedEvent] = []

    async def __aenter__(self) -> Self:
        self._emitted.clear()
        await self._begin()
        for repository in self._repositories():
            repository.reset()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.rollback()

    def today(self) -> date:
        """The business date commands are checked against (today in China by default)."""
        return self._clock()

    def emit(self, recorded: RecordedEvent) -> None:
        """Publish an event no tracked aggregate carries (e.g. from a set-based change)."""
        self._emitted.append(recorded)

    def pending_events(self) -> list[PendingEvent]:
        """Integration events for the domain events recorded so far in this unit."""
        recorded = [event for aggregate in self._seen_aggregates() for event in aggregate.events]
        return [
            translate(event, correlation_id=self.correlation_id, causation_id=self.causation_id)
            for event in [*recorded, *self._emitted]
        ]

    async def commit(self) -> None:
        """Write the changes and their integration events in one transaction."""
        pending = self.pending_events()
        for repository in self._repositories():
            await repository.flush()
        await self._commit(pending)
        for aggregate in self._seen_aggregates():
            aggregate.events.clear()
        self._emitted.clear()

    async def rollback(self) -> None:
        """Discard whatever was not committed; harmless after a commit."""
        await self._rollback()

    def _repositories(self) -> Sequence[Repository]:
        return [getattr(self, name) for name in self.REPOSITORIES]

    def _seen_aggregates(self) -> list[Aggregate]:
        seen: list[Any] = [
            aggregate
            for repository in self._repositories()
            if isinstance(repository, TrackingRepository)
            for aggregate in repository.seen
        ]
        return seen

    @abc.abstractmethod
    async def _begin(self) -> None:
        """Start the transaction and build the repositories on it."""

    @abc.abstractmethod
    async def _commit(self, events: Sequence[PendingEvent]) -> None:
        """Append ``events`` to the outbox and COMMIT, after the repositories flushed."""

    @abc.abstractmethod
    async def _rollback(self) -> None:
        """Roll back if not committed and release resources."""
