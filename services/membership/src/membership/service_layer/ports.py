"""Ports: the repositories, personal-data protector and unit of work the handlers need.

Adapters (SQL) and tests (in-memory fakes) implement these. Only look-ups that commands
need live here; listings and statistics read views directly.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from datetime import date
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from shared.identifiers import today_in_china
from shared.outbox import PendingEvent
from shared.tracking import TrackingRepository

from membership.domain import CollectiveContract, Employer, Member, Transfer, UnionOrganisation
from membership.domain.aggregate import Aggregate
from membership.service_layer.translation import translate


class PersonalDataProtector(Protocol):
    """Seals personal data before it reaches a repository (``shared.pii.PiiCipher`` fits)."""

    def blind_index(self, value: str) -> str:
        """Keyed, deterministic index of a value: equal values give equal indexes."""
        ...

    def encrypt(self, plaintext: str) -> bytes:
        """Authenticated encryption of a value."""
        ...


class OrganisationRepository(TrackingRepository[UnionOrganisation]):
    """Union organisations and the shape of the tree.

    A changed ``parent_id`` moves the whole subtree: an implementation keeping materialised
    paths rewrites the descendants' paths in ``_persist``.
    """

    async def root(self) -> UnionOrganisation | None:
        """The city federation at the root of the tree, if founded."""
        found = await self._root()
        return self._track(found) if found is not None else None

    async def children(self, org_id: UUID) -> list[UnionOrganisation]:
        """Direct children of ``org_id``, dissolved ones included."""
        return [self._track(child) for child in await self._children(org_id)]

    @abc.abstractmethod
    async def is_within(self, org_id: UUID, root_id: UUID) -> bool:
        """Whether ``org_id`` is ``root_id`` or one of its descendants."""

    @abc.abstractmethod
    async def path(self, org_id: UUID) -> list[UUID]:
        """Ids from the root down to ``org_id`` inclusive; empty for an unknown id."""

    @abc.abstractmethod
    async def subtree_ids(self, root_id: UUID) -> list[UUID]:
        """``root_id`` and the ids of all its descendants, dissolved ones included."""

    @abc.abstractmethod
    async def _root(self) -> UnionOrganisation | None: ...

    @abc.abstractmethod
    async def _children(self, org_id: UUID) -> list[UnionOrganisation]: ...


class EmployerRepository(TrackingRepository[Employer]):
    """Employers; the USCC is unique."""

    async def get_by_uscc(self, uscc: str) -> Employer | None:
        """The employer registered with this (normalised) USCC, if any."""
        for employer in self._added.values():
            if employer.uscc == uscc:
                return employer
        found = await self._get_by_uscc(uscc)
        return self._track(found) if found is not None else None

    async def covered_by(self, union_id: UUID) -> list[Employer]:
        """Employers currently covered by the union ``union_id``."""
        return [self._track(employer) for employer in await self._covered_by(union_id)]

    @abc.abstractmethod
    async def _get_by_uscc(self, uscc: str) -> Employer | None: ...

    @abc.abstractmethod
    async def _covered_by(self, union_id: UUID) -> list[Employer]: ...


class MemberRepository(TrackingRepository[Member]):
    """Membership periods. At most one current (active or retained) period per blind index:
    the SQL schema backs the domain rule with a partial unique index."""

    async def find_current_by_id_index(self, id_number_index: str) -> Member | None:
        """The person's current membership, found by the blind index of their ID number."""
        for member in self._added.values():
            if member.person.id_number_index == id_number_index and member.is_current:
                return member
        found = await self._find_current_by_id_index(id_number_index)
        if found is None:
            return None
        tracked = self._track(found)
        return tracked if tracked.is_current else None

    @abc.abstractmethod
    async def count_current_in_union(self, union_id: UUID) -> int:
        """How many active or retained members the union holds."""

    @abc.abstractmethod
    async def _find_current_by_id_index(self, id_number_index: str) -> Member | None: ...


class ContractRepository(TrackingRepository[CollectiveContract]):
    """Collective contracts."""


class TransferRepository(abc.ABC):
    """Hand-off records of membership transfers: written once, never changed."""

    def __init__(self) -> None:
        self._added: list[Transfer] = []

    def reset(self) -> None:
        self._added.clear()

    async def add(self, transfer: Transfer) -> None:
        """Keep a hand-off record; it is inserted at commit."""
        self._added.append(transfer)

    async def flush(self) -> None:
        if self._added:
            await self._persist(list(self._added))
        self._added.clear()

    @abc.abstractmethod
    async def _persist(self, added: Sequence[Transfer]) -> None:
        """Insert the records in the unit's transaction."""


class AbstractUnitOfWork(abc.ABC):
    """One business transaction: repositories, the integration events it produces, commit.

    Use ``async with uow:`` then ``await uow.commit()``; leaving the block without a commit
    rolls back. At commit the domain events of every aggregate the unit touched become
    :class:`~shared.outbox.PendingEvent` s, which ``_commit`` must write in the same
    transaction as the rows (the SQL unit of work calls ``shared.outbox.append_to_outbox``).
    The unit also carries the personal-data protector and the clock, the two collaborators
    handlers need besides repositories.
    """

    organisations: OrganisationRepository
    employers: EmployerRepository
    members: MemberRepository
    transfers: TransferRepository
    contracts: ContractRepository

    def __init__(
        self, protector: PersonalDataProtector, *, clock: Callable[[], date] = today_in_china
    ) -> None:
        self.protector = protector
        self.correlation_id: str | None = None
        self._clock = clock

    async def __aenter__(self) -> Self:
        for repository in self._repositories():
            repository.reset()
        await self._begin()
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

    def pending_events(self) -> list[PendingEvent]:
        """Integration events for the domain events recorded so far in this unit."""
        return [
            translate(recorded, correlation_id=self.correlation_id)
            for aggregate in self._seen_aggregates()
            for recorded in aggregate.events
        ]

    async def commit(self) -> None:
        """Write the changes and their integration events in one transaction."""
        pending = self.pending_events()
        for repository in self._repositories():
            await repository.flush()
        await self._commit(pending)
        for aggregate in self._seen_aggregates():
            aggregate.events.clear()

    async def rollback(self) -> None:
        """Discard whatever was not committed; harmless after a commit."""
        await self._rollback()

    def _repositories(
        self,
    ) -> tuple[
        OrganisationRepository,
        EmployerRepository,
        MemberRepository,
        TransferRepository,
        ContractRepository,
    ]:
        # Insertion order respects the foreign keys: members need organisations and
        # employers, transfers need members.
        return (self.organisations, self.employers, self.members, self.transfers, self.contracts)

    def _seen_aggregates(self) -> list[Aggregate]:
        return [
            *self.organisations.seen,
            *self.employers.seen,
            *self.members.seen,
            *self.contracts.seen,
        ]

    @abc.abstractmethod
    async def _begin(self) -> None:
        """Start the transaction (e.g. acquire a connection and BEGIN)."""

    @abc.abstractmethod
    async def _commit(self, events: Sequence[PendingEvent]) -> None:
        """Append ``events`` to the outbox and COMMIT, after the repositories flushed."""

    @abc.abstractmethod
    async def _rollback(self) -> None:
        """Roll back if not committed and release resources."""
