"""Identity map and change tracking for the aggregate repositories of every service.

Without an ORM, a repository itself remembers what a unit of work added and loaded. At
commit the unit of work asks each repository to :meth:`TrackingRepository.flush`: new
aggregates are inserted, loaded ones whose version moved are updated with an optimistic
check on the version they were loaded at. Adapters implement ``_get`` and ``_persist``;
query methods that return aggregates pass them through ``_track``. A statement that read
several tables at once hands its rows over with ``_track`` and its misses with
:meth:`TrackingRepository.remember_missing`, so ``get`` asks storage for neither again.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar
from uuid import UUID


class Versioned(Protocol):
    """What tracking needs of an aggregate: its id and the version it has reached."""

    @property
    def id(self) -> UUID: ...

    @property
    def version(self) -> int: ...


A = TypeVar("A", bound=Versioned)


@dataclass(frozen=True)
class Changed(Generic[A]):
    """A loaded aggregate that changed, and the version it had when loaded."""

    aggregate: A
    loaded_version: int


class TrackingRepository(abc.ABC, Generic[A]):
    """Base of the aggregate repositories: ``get`` returns one instance per id per unit."""

    def __init__(self) -> None:
        self._added: dict[UUID, A] = {}
        self._loaded: dict[UUID, tuple[A, int]] = {}
        self._missing: set[UUID] = set()

    def reset(self) -> None:
        """Forget everything tracked; the unit of work calls it when a unit begins."""
        self._added.clear()
        self._loaded.clear()
        self._missing.clear()

    def remember_missing(self, aggregate_id: UUID) -> None:
        """Note that this unit already found no aggregate ``aggregate_id`` in storage."""
        self._missing.add(aggregate_id)

    async def add(self, aggregate: A) -> None:
        """Track a new aggregate; it is inserted at commit.

        Raises:
            ValueError: an aggregate with this id is already tracked in this unit.
        """
        if aggregate.id in self._added or aggregate.id in self._loaded:
            raise ValueError(f"aggregate {aggregate.id} is already tracked")
        self._added[aggregate.id] = aggregate

    async def get(self, aggregate_id: UUID) -> A | None:
        """The aggregate with this id, or ``None``."""
        tracked = self._tracked(aggregate_id)
        if tracked is not None:
            return tracked
        if aggregate_id in self._missing:
            return None
        found = await self._get(aggregate_id)
        return self._track(found) if found is not None else None

    @property
    def seen(self) -> list[A]:
        """Every aggregate added or loaded in this unit, added first."""
        return [*self._added.values(), *(aggregate for aggregate, _ in self._loaded.values())]

    def has_unwritten_changes(self) -> bool:
        """Whether :meth:`flush` has anything to write."""
        return bool(self._added) or any(
            aggregate.version != version for aggregate, version in self._loaded.values()
        )

    def only_added(self) -> A | None:
        """The one aggregate :meth:`flush` would write, when that is a single insert."""
        if len(self._added) != 1 or any(
            aggregate.version != version for aggregate, version in self._loaded.values()
        ):
            return None
        return next(iter(self._added.values()))

    async def flush(self) -> None:
        """Write what this unit added or changed, then track it all as loaded."""
        added = list(self._added.values())
        changed = [
            Changed(aggregate, version)
            for aggregate, version in self._loaded.values()
            if aggregate.version != version
        ]
        if added or changed:
            await self._persist(added, changed)
        for aggregate in added:
            self._loaded[aggregate.id] = (aggregate, aggregate.version)
        for change in changed:
            self._loaded[change.aggregate.id] = (change.aggregate, change.aggregate.version)
        self._added.clear()

    def _tracked(self, aggregate_id: UUID) -> A | None:
        if aggregate_id in self._added:
            return self._added[aggregate_id]
        loaded = self._loaded.get(aggregate_id)
        return loaded[0] if loaded else None

    def _track(self, aggregate: A) -> A:
        """Track a freshly read aggregate, or return the instance this unit already holds."""
        tracked = self._tracked(aggregate.id)
        if tracked is not None:
            return tracked
        self._loaded[aggregate.id] = (aggregate, aggregate.version)
        return aggregate

    @abc.abstractmethod
    async def _get(self, aggregate_id: UUID) -> A | None:
        """Read one aggregate from storage (no events, version as stored)."""

    @abc.abstractmethod
    async def _persist(self, added: Sequence[A], changed: Sequence[Changed[A]]) -> None:
        """Insert ``added`` and update ``changed`` in the unit's transaction.

        Implementations may batch (``executemany``, ``COPY``) and must raise the service's
        conflict error when an added id or unique key exists, and its concurrent-modification
        error when a changed aggregate's stored version is no longer ``loaded_version``
        (someone else committed first).
        """
