"""In-memory adapters for the service-layer ports, faithful where it matters.

The store keeps copies, so changes reach it only at commit and a unit that does not commit
leaves no trace; ``_persist`` checks versions and the one-active-file-per-person rule as the
SQL adapters do. A new repository: add its table to :class:`FakeStore`, its fake class, and a
line to ``FAKE_REPOSITORIES``.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from assistance.domain.errors import AlreadyOnFile
from assistance.domain.households.household import Household
from assistance.domain.replica import ReplicaMember, ReplicaOrganisation
from assistance.domain.visits.visit import Visit
from assistance.service_layer.households.ports import HouseholdRepository
from assistance.service_layer.ports import AbstractUnitOfWork, Replica
from assistance.service_layer.visits.ports import VisitRepository
from shared.outbox import PendingEvent
from shared.seedwork import Aggregate, ConcurrentModification, Conflict
from shared.tracking import Changed

from .aid_fakes import AID_FAKE_REPOSITORIES
from .referral_fakes import REFERRAL_FAKE_REPOSITORIES

A = TypeVar("A", bound=Aggregate)

TODAY = date(2025, 6, 30)


@dataclass
class FakeStore:
    """What a database would hold: committed rows, the replica and the outbox."""

    organisations: dict[UUID, ReplicaOrganisation] = field(default_factory=dict)
    members: dict[UUID, ReplicaMember] = field(default_factory=dict)
    households: dict[UUID, Household] = field(default_factory=dict)
    visits: dict[UUID, Visit] = field(default_factory=dict)
    tables: dict[str, dict[UUID, Any]] = field(default_factory=dict)
    """Tables of further repositories, by repository name."""
    outbox: list[PendingEvent] = field(default_factory=list)

    def table(self, name: str) -> dict[UUID, Any]:
        return self.tables.setdefault(name, {})


def stored_copy(aggregate: A) -> A:
    stored = copy.deepcopy(aggregate)
    stored.events = []
    return stored


def write(table: dict[UUID, A], added: Sequence[A], changed: Sequence[Changed[A]]) -> None:
    """Insert and version-checked update, as the SQL helpers do."""
    for aggregate in added:
        if aggregate.id in table:
            raise Conflict("记录已存在")
        table[aggregate.id] = stored_copy(aggregate)
    for change in changed:
        if table[change.aggregate.id].version != change.loaded_version:
            raise ConcurrentModification("记录已被他人修改，请刷新后重试")
        table[change.aggregate.id] = stored_copy(change.aggregate)


class FakeReplica(Replica):
    def __init__(self, store: FakeStore) -> None:
        self.store = store

    async def organisation(self, org_id: UUID) -> ReplicaOrganisation | None:
        return self.store.organisations.get(org_id)

    async def member(self, member_id: UUID) -> ReplicaMember | None:
        return self.store.members.get(member_id)

    async def is_within(self, org_id: UUID, scope_root: UUID | None) -> bool:
        current = self.store.organisations.get(org_id)
        if current is None:
            return False
        while current is not None:
            if scope_root is None or current.id == scope_root:
                return True
            current = self.store.organisations.get(current.parent_id) if current.parent_id else None
        return False


def people(household: Household) -> list[str]:
    relatives = [r.id_number_index for r in household.family if r.id_number_index]
    return [household.head.id_number_index, *relatives]


def links(household: Household) -> list[str | None]:
    return [household.head.person_link, *(r.person_link for r in household.family)]


class FakeHouseholdRepository(HouseholdRepository):
    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.table = store.households

    async def open_file_of(self, id_number_index: str) -> UUID | None:
        candidates = [*self.seen, *self.table.values()]
        for household in candidates:
            if household.is_open and id_number_index in people(household):
                return household.id
        return None

    async def _get(self, aggregate_id: UUID) -> Household | None:
        found = self.table.get(aggregate_id)
        return copy.deepcopy(found) if found else None

    async def _open_files_headed_by(self, member_id: UUID) -> list[Household]:
        return [
            copy.deepcopy(h)
            for h in self.table.values()
            if h.head.member_id == member_id and h.is_open
        ]

    async def _open_files_of_person(
        self, member_id: UUID | None, person_link: str | None
    ) -> list[Household]:
        return [
            copy.deepcopy(h)
            for h in self.table.values()
            if h.is_open
            and ((member_id is not None and h.head.member_id == member_id) or (
                person_link is not None and person_link in links(h)))
        ]  # fmt: skip

    async def _overdue(self, reviewed_before: date, limit: int) -> list[Household]:
        due = [
            h
            for h in self.table.values()
            if h.status == "filed"
            and h.last_verified_on is not None
            and h.last_verified_on < reviewed_before
            and "not_reviewed_12_months" not in h.flags
        ]
        return [copy.deepcopy(h) for h in due[:limit]]

    async def _persist(
        self, added: Sequence[Household], changed: Sequence[Changed[Household]]
    ) -> None:
        written = {h.id for h in added} | {c.aggregate.id for c in changed}
        taken = {
            index
            for h in self.table.values()
            if h.id not in written and h.is_open
            for index in people(h)
        }
        for household in [*added, *(c.aggregate for c in changed)]:
            if household.is_open and taken & set(people(household)):
                raise AlreadyOnFile("该人员已在另一份有效的困难档案中", field="id_number")
        write(self.table, added, changed)


class FakeVisitRepository(VisitRepository):
    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.table = store.visits

    async def _get(self, aggregate_id: UUID) -> Visit | None:
        found = self.table.get(aggregate_id)
        return copy.deepcopy(found) if found else None

    async def _persist(self, added: Sequence[Visit], changed: Sequence[Changed[Visit]]) -> None:
        write(self.table, added, changed)


FAKE_REPOSITORIES: dict[str, Callable[[FakeStore], Any]] = {
    "households": FakeHouseholdRepository,
    "visits": FakeVisitRepository,
    **AID_FAKE_REPOSITORIES,
    **REFERRAL_FAKE_REPOSITORIES,
}
"""How each repository named in ``AbstractUnitOfWork.REPOSITORIES`` is faked on the store."""


class FakeProtector:
    """Reversible "encryption" and a keyed blind index, enough to test sealing."""

    def blind_index(self, value: str) -> str:
        return hmac.new(b"test", value.strip().upper().encode(), hashlib.sha256).hexdigest()

    def encrypt(self, plaintext: str) -> bytes:
        return b"sealed:" + plaintext.encode()

    def person_link(self, id_number: str) -> str:
        return hmac.new(b"link", id_number.strip().upper().encode(), hashlib.sha256).hexdigest()


class FakeUnitOfWork(AbstractUnitOfWork):
    def __init__(self, store: FakeStore, *, today: date = TODAY) -> None:
        super().__init__(FakeProtector(), clock=lambda: self.today_value)
        self.store = store
        self.today_value = today
        self.committed = 0
        self.replica = FakeReplica(store)
        for name in self.REPOSITORIES:
            setattr(self, name, FAKE_REPOSITORIES[name](store))

    async def _begin(self) -> None:
        return None

    async def _commit(self, events: Sequence[PendingEvent]) -> None:
        self.store.outbox.extend(events)
        self.committed += 1

    async def _rollback(self) -> None:
        return None
