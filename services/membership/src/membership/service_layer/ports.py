"""Ports: the repositories, personal-data protector and unit of work the handlers need.

Adapters (SQL) and tests (in-memory fakes) implement these. Only look-ups that commands
need live here; listings and statistics read views directly.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from uuid import UUID

from shared.outbox import PendingEvent
from shared.seedwork import RecordedEvent
from shared.service_layer import UnitOfWork
from shared.tracking import TrackingRepository

from membership.domain import (
    CollectiveContract,
    Employer,
    Member,
    TermDates,
    Transfer,
    UnionOrganisation,
)
from membership.service_layer.translation import translate


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
    async def committee_terms(self, org_id: UUID) -> list[TermDates]:
        """The terms of the committees recorded for ``org_id``, in any order.

        An implementation stores the ``committee`` a changed organisation carries in
        ``_persist``, with its members.
        """

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

    def has_unwritten_changes(self) -> bool:
        """Whether :meth:`flush` has records to insert."""
        return bool(self._added)

    async def flush(self) -> None:
        if self._added:
            await self._persist(list(self._added))
        self._added.clear()

    @abc.abstractmethod
    async def _persist(self, added: Sequence[Transfer]) -> None:
        """Insert the records in the unit's transaction."""


class AbstractUnitOfWork(UnitOfWork):
    """Membership's business transaction (see :class:`shared.service_layer.UnitOfWork`)."""

    # Write order respects the foreign keys: members need organisations and employers,
    # transfers need members.
    REPOSITORIES = ("organisations", "employers", "members", "transfers", "contracts")

    organisations: OrganisationRepository
    employers: EmployerRepository
    members: MemberRepository
    transfers: TransferRepository
    contracts: ContractRepository

    def _translate(self, recorded: RecordedEvent) -> PendingEvent:
        return translate(recorded, correlation_id=self.correlation_id)

    async def read_for_admission(
        self, union_id: UUID, employer_id: UUID, id_number_index: str
    ) -> None:
        """Read what an admission looks up (union, employer, current membership) ahead, in
        one go if the storage can. The repositories then answer those look-ups from it;
        storage without such a read (the in-memory fakes) leaves them to look up one by one.
        """
        return
