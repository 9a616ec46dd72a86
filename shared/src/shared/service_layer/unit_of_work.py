"""The unit of work every service's handlers run in."""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from datetime import date
from types import TracebackType
from typing import Any, ClassVar, Protocol, Self

from shared.identifiers import today_in_china
from shared.outbox.writer import PendingEvent
from shared.seedwork import Aggregate, RecordedEvent
from shared.tracking import TrackingRepository


class PersonalDataProtector(Protocol):
    """Seals personal data before it reaches a repository (``shared.pii.PiiCipher`` fits)."""

    def blind_index(self, value: str) -> str:
        """Keyed, deterministic index of a value: equal values give equal indexes."""
        ...

    def encrypt(self, plaintext: str) -> bytes:
        """Authenticated encryption of a value."""
        ...


class PersonLinkingProtector(PersonalDataProtector, Protocol):
    """A protector that also computes the platform-wide person link (``shared.pii.PiiCipher``
    built with a person link key fits)."""

    def person_link(self, id_number: str) -> str:
        """Keyed, deterministic link of a validated ID number, equal in every linked service."""
        ...


class Repository(Protocol):
    """What the unit of work needs of every repository: forget, then write at commit."""

    def reset(self) -> None: ...

    async def flush(self) -> None: ...


class UnitOfWork(abc.ABC):
    """One business transaction: repositories, the integration events it produces, commit.

    Use ``async with uow:`` then ``await uow.commit()``; leaving the block without a commit
    rolls back. At commit the domain events of every aggregate the unit touched (and any it
    was handed with :meth:`emit`) become :class:`~shared.outbox.PendingEvent` s through
    :meth:`_translate`, which ``_commit`` writes in the same transaction as the rows.

    A service subclasses it once: repositories as annotated attributes, their names in
    ``REPOSITORIES`` in the order their rows must be written (foreign keys), and
    ``_translate``. Adapters (SQL) and unit tests (fakes) then implement ``_begin``,
    ``_commit`` and ``_rollback``.
    """

    REPOSITORIES: ClassVar[tuple[str, ...]] = ()
    """Attribute names of the repositories, in the order their rows must be written."""

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
        return [self._translate(event) for event in [*recorded, *self._emitted]]

    async def commit(self) -> None:
        """Write the changes and their integration events in one transaction."""
        pending = self.pending_events()
        await self._commit(await self._flush(pending))
        for aggregate in self._seen_aggregates():
            aggregate.events.clear()
        self._emitted.clear()

    async def rollback(self) -> None:
        """Discard whatever was not committed; harmless after a commit."""
        await self._rollback()

    async def _flush(self, events: Sequence[PendingEvent]) -> Sequence[PendingEvent]:
        """Write every repository's changes; returns the events still to append to the outbox.

        A unit whose repository can write ``events`` in its own statement (one round trip
        fewer) overrides this and returns what is left, usually nothing.
        """
        for repository in self._repositories():
            await repository.flush()
        return events

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
    def _translate(self, recorded: RecordedEvent) -> PendingEvent:
        """The integration event (contract) a recorded domain event stands for."""

    @abc.abstractmethod
    async def _begin(self) -> None:
        """Start the transaction and build the repositories on it."""

    @abc.abstractmethod
    async def _commit(self, events: Sequence[PendingEvent]) -> None:
        """Append ``events`` to the outbox and COMMIT, after the repositories flushed."""

    @abc.abstractmethod
    async def _rollback(self) -> None:
        """Roll back if not committed and release resources."""
