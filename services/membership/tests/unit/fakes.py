"""In-memory adapters for the service-layer ports, faithful where it matters.

The store keeps copies, so changes reach it only at commit and a unit that does not commit
leaves no trace; ``_persist`` checks versions and unique keys as the SQL adapters must.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar
from uuid import UUID

from membership.domain import (
    CollectiveContract,
    Committee,
    Employer,
    Member,
    TermDates,
    Transfer,
    UnionOrganisation,
)
from membership.domain.errors import AlreadyAMember, DuplicateUscc
from membership.service_layer.ports import (
    AbstractUnitOfWork,
    ContractRepository,
    EmployerRepository,
    MemberRepository,
    OrganisationRepository,
    TransferRepository,
)
from shared.outbox import PendingEvent
from shared.seedwork import Aggregate, ConcurrentModification, Conflict
from shared.service_layer import PersonalDataProtector
from shared.tracking import Changed

A = TypeVar("A", bound=Aggregate)

TODAY = date(2025, 6, 30)


@dataclass
class FakeStore:
    """What a database would hold: committed rows and the outbox."""

    organisations: dict[UUID, UnionOrganisation] = field(default_factory=dict)
    committees: dict[UUID, tuple[UUID, Committee]] = field(default_factory=dict)
    """Committee id → (organisation id, committee)."""
    employers: dict[UUID, Employer] = field(default_factory=dict)
    members: dict[UUID, Member] = field(default_factory=dict)
    contracts: dict[UUID, CollectiveContract] = field(default_factory=dict)
    transfers: list[Transfer] = field(default_factory=list)
    outbox: list[PendingEvent] = field(default_factory=list)


def _copy(aggregate: A) -> A:
    stored = copy.deepcopy(aggregate)
    stored.events = []
    return stored


def _write(table: dict[UUID, A], added: Sequence[A], changed: Sequence[Changed[A]]) -> None:
    for aggregate in added:
        if aggregate.id in table:
            raise Conflict("记录已存在")
        table[aggregate.id] = _copy(aggregate)
    for change in changed:
        if table[change.aggregate.id].version != change.loaded_version:
            raise ConcurrentModification("记录已被他人修改，请刷新后重试")
        table[change.aggregate.id] = _copy(change.aggregate)


class FakeOrganisationRepository(OrganisationRepository):
    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.table = store.organisations
        self.committees = store.committees

    async def committee_terms(self, org_id: UUID) -> list[TermDates]:
        return [c.term for org, c in self.committees.values() if org == org_id]

    async def is_within(self, org_id: UUID, root_id: UUID) -> bool:
        return root_id in await self.path(org_id)

    async def path(self, org_id: UUID) -> list[UUID]:
        path: list[UUID] = []
        current = self.table.get(org_id)
        while current is not None:
            path.insert(0, current.id)
            current = self.table.get(current.parent_id) if current.parent_id else None
        return path

    async def subtree_ids(self, root_id: UUID) -> list[UUID]:
        return [org_id for org_id in self.table if await self.is_within(org_id, root_id)]

    async def _get(self, aggregate_id: UUID) -> UnionOrganisation | None:
        found = self.table.get(aggregate_id)
        return copy.deepcopy(found) if found else None

    async def _root(self) -> UnionOrganisation | None:
        roots = [org for org in self.table.values() if org.parent_id is None]
        return copy.deepcopy(roots[0]) if roots else None

    async def _children(self, org_id: UUID) -> list[UnionOrganisation]:
        return [copy.deepcopy(o) for o in self.table.values() if o.parent_id == org_id]

    async def _persist(
        self, added: Sequence[UnionOrganisation], changed: Sequence[Changed[UnionOrganisation]]
    ) -> None:
        _write(self.table, added, changed)
        for org in [*added, *(change.aggregate for change in changed)]:
            if org.committee is not None:
                self.committees.setdefault(org.committee.id, (org.id, org.committee))


class FakeEmployerRepository(EmployerRepository):
    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.table = store.employers

    async def _get(self, aggregate_id: UUID) -> Employer | None:
        found = self.table.get(aggregate_id)
        return copy.deepcopy(found) if found else None

    async def _get_by_uscc(self, uscc: str) -> Employer | None:
        found = [e for e in self.table.values() if e.uscc == uscc]
        return copy.deepcopy(found[0]) if found else None

    async def _covered_by(self, union_id: UUID) -> list[Employer]:
        return [
            copy.deepcopy(e)
            for e in self.table.values()
            if e.coverage is not None and e.coverage.union_id == union_id
        ]

    async def _persist(
        self, added: Sequence[Employer], changed: Sequence[Changed[Employer]]
    ) -> None:
        taken = {e.uscc for e in self.table.values()}
        if any(employer.uscc in taken for employer in added):
            raise DuplicateUscc("该统一社会信用代码的单位已登记", field="uscc")
        _write(self.table, added, changed)


class FakeMemberRepository(MemberRepository):
    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.table = store.members

    async def count_current_in_union(self, union_id: UUID) -> int:
        return sum(1 for m in self.table.values() if m.union_id == union_id and m.is_current)

    async def _get(self, aggregate_id: UUID) -> Member | None:
        found = self.table.get(aggregate_id)
        return copy.deepcopy(found) if found else None

    async def _find_current_by_id_index(self, id_number_index: str) -> Member | None:
        found = [
            m
            for m in self.table.values()
            if m.person.id_number_index == id_number_index and m.is_current
        ]
        return copy.deepcopy(found[0]) if found else None

    async def _persist(self, added: Sequence[Member], changed: Sequence[Changed[Member]]) -> None:
        candidate = dict(self.table)
        _write(candidate, added, changed)
        # The partial unique index on the blind index of current memberships, as in SQL.
        current = [m.person.id_number_index for m in candidate.values() if m.is_current]
        if len(current) != len(set(current)):
            raise AlreadyAMember("此人已有会籍", field="id_number")
        self.table.update(candidate)


class FakeTransferRepository(TransferRepository):
    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.records = store.transfers

    async def _persist(self, added: Sequence[Transfer]) -> None:
        self.records.extend(added)


class FakeContractRepository(ContractRepository):
    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.table = store.contracts

    async def _get(self, aggregate_id: UUID) -> CollectiveContract | None:
        found = self.table.get(aggregate_id)
        return copy.deepcopy(found) if found else None

    async def _persist(
        self, added: Sequence[CollectiveContract], changed: Sequence[Changed[CollectiveContract]]
    ) -> None:
        _write(self.table, added, changed)


class FakeProtector:
    """Keyed blind index like the real one; "encryption" that is merely not the plain text."""

    key = b"unit-test-blind-index-key"

    def blind_index(self, value: str) -> str:
        normalised = value.strip().upper().encode()
        return hmac.new(self.key, normalised, hashlib.sha256).hexdigest()

    def encrypt(self, plaintext: str) -> bytes:
        return b"sealed:" + hashlib.sha256(self.key + plaintext.encode()).digest()


class FakeUnitOfWork(AbstractUnitOfWork):
    """A unit of work over a :class:`FakeStore`; committed events land in ``store.outbox``."""

    def __init__(
        self,
        store: FakeStore | None = None,
        *,
        today: date = TODAY,
        protector: PersonalDataProtector | None = None,
    ) -> None:
        super().__init__(protector or FakeProtector(), clock=lambda: today)
        self.store = store or FakeStore()
        self.organisations = FakeOrganisationRepository(self.store)
        self.employers = FakeEmployerRepository(self.store)
        self.members = FakeMemberRepository(self.store)
        self.transfers = FakeTransferRepository(self.store)
        self.contracts = FakeContractRepository(self.store)
        self.commits = 0
        self.rollbacks = 0

    async def _begin(self) -> None:
        return None

    async def _commit(self, events: Sequence[PendingEvent]) -> None:
        self.store.outbox.extend(events)
        self.commits += 1

    async def _rollback(self) -> None:
        self.rollbacks += 1
