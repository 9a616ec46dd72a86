"""In-memory fakes of training's ports, so handlers run without a server."""

from __future__ import annotations

import copy
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar
from uuid import UUID

from shared.outbox import PendingEvent
from shared.seedwork import ConcurrentModification
from shared.tracking import Changed
from training.domain.classes.certificate import Certificate
from training.domain.classes.enrolment import Enrolment, EnrolmentStatus
from training.domain.classes.training_class import SessionCounts, TrainingClass
from training.domain.codes import Mark
from training.domain.replica import ReplicaEmployer, ReplicaMember, ReplicaOrganisation
from training.service_layer.classes import ports as class_ports
from training.service_layer.competitions import ports as competition_ports
from training.service_layer.employment import ports as employment_ports
from training.service_layer.people import SealedPerson
from training.service_layer.ports import AbstractUnitOfWork, People, Replica

A = TypeVar("A", bound=Any)


class Protector:
    def blind_index(self, value: str) -> str:
        return hashlib.sha256(value.encode()).hexdigest()

    def encrypt(self, plaintext: str) -> bytes:
        return b"sealed:" + hashlib.sha256(plaintext.encode()).digest()

    def person_link(self, id_number: str) -> str:
        return hashlib.sha256(b"link:" + id_number.upper().encode()).hexdigest()


class Stored(Generic[A]):
    """Rows of one aggregate type: copies, as a database would hold them."""

    def __init__(self) -> None:
        self.rows: dict[UUID, A] = {}

    def load(self, aggregate_id: UUID) -> A | None:
        found = self.rows.get(aggregate_id)
        return None if found is None else copy.deepcopy(found)

    def save(self, added: Sequence[A], changed: Sequence[Changed[A]]) -> None:
        for aggregate in added:
            self.rows[aggregate.id] = self._frozen(aggregate)
        for change in changed:
            if self.rows[change.aggregate.id].version != change.loaded_version:
                raise ConcurrentModification("changed meanwhile")
            self.rows[change.aggregate.id] = self._frozen(change.aggregate)

    @staticmethod
    def _frozen(aggregate: A) -> A:
        kept = copy.deepcopy(aggregate)
        kept.events = []
        return kept


def _repository(base: type[Any]) -> Any:
    class Fake(base):  # type: ignore[misc, valid-type]
        def __init__(self, stored: Stored[Any]) -> None:
            super().__init__()
            self.stored = stored

        async def _get(self, aggregate_id: UUID) -> Any:
            return self.stored.load(aggregate_id)

        async def _persist(self, added: Sequence[Any], changed: Sequence[Any]) -> None:
            self.stored.save(added, changed)

        async def lock(self, aggregate_id: UUID) -> Any:
            return await self.get(aggregate_id)

    return Fake


class FakeEnrolments(_repository(class_ports.EnrolmentRepository)):  # type: ignore[misc]
    def _all(self, class_id: UUID) -> list[Enrolment]:
        loaded = [self.stored.load(i) for i in self.stored.rows]
        return [self._track(e) for e in loaded if e.class_id == class_id]

    async def first_waitlisted(self, class_id: UUID) -> Enrolment | None:
        waiting = [e for e in self._all(class_id) if e.status == EnrolmentStatus.WAITLISTED]
        return waiting[0] if waiting else None

    async def active_in_class(self, class_id: UUID) -> list[Enrolment]:
        return [e for e in self._all(class_id) if e.is_active]

    async def has_active(self, class_id: UUID, person_id: UUID) -> bool:
        return any(e.person_id == person_id for e in await self.active_in_class(class_id))


class FakeEntries(_repository(competition_ports.EntryRepository)):  # type: ignore[misc]
    async def has_entry(self, competition_id: UUID, trade: str, person_id: UUID) -> bool:
        return any(
            (e.competition_id, e.trade, e.person_id) == (competition_id, trade, person_id)
            for e in self.stored.rows.values()
        )


class FakeAttendance(class_ports.AttendanceSheet):
    def __init__(self, marks: dict[tuple[UUID, int, UUID], Mark]) -> None:
        self.marks = marks

    async def record(
        self, class_id: UUID, session_no: int, marks: Sequence[tuple[UUID, Mark]]
    ) -> None:
        for enrolment_id, mark in marks:
            self.marks[(class_id, session_no, enrolment_id)] = mark

    async def counts(self, class_id: UUID, session_no: int) -> SessionCounts:
        got = [m for (c, s, _), m in self.marks.items() if (c, s) == (class_id, session_no)]
        return SessionCounts(
            *(got.count(m) for m in (Mark.PRESENT, Mark.LATE, Mark.EXCUSED, Mark.ABSENT))
        )

    async def attended(self, class_id: UUID) -> dict[UUID, int]:
        found: dict[UUID, int] = {}
        for (c, _, e), m in self.marks.items():
            if c == class_id and m in (Mark.PRESENT, Mark.LATE):
                found[e] = found.get(e, 0) + 1
        return found


@dataclass
class FakeReplica(Replica):
    paths: dict[UUID, str] = field(default_factory=dict)
    members: dict[UUID, ReplicaMember] = field(default_factory=dict)
    employers: dict[UUID, ReplicaEmployer] = field(default_factory=dict)

    def found(self, parent: UUID | None = None) -> UUID:
        org_id = uuid.uuid4()
        self.paths[org_id] = (self.paths[parent] if parent else "/") + f"{org_id}/"
        return org_id

    async def organisation(self, org_id: UUID) -> ReplicaOrganisation | None:
        return (
            ReplicaOrganisation(org_id, None, "union", "工会", False)
            if org_id in self.paths
            else None
        )

    async def member(self, member_id: UUID) -> ReplicaMember | None:
        return self.members.get(member_id)

    async def employer(self, employer_id: UUID) -> ReplicaEmployer | None:
        return self.employers.get(employer_id)

    async def is_within(self, org_id: UUID, scope_root: UUID | None) -> bool:
        if org_id not in self.paths:
            return False
        return scope_root is None or f"/{scope_root}/" in self.paths[org_id]


@dataclass
class FakePeople(People):
    known: dict[str, tuple[UUID, UUID | None]] = field(default_factory=dict)
    links: dict[UUID, str | None] = field(default_factory=dict)

    async def identify(
        self, person: SealedPerson, member_id: UUID | None
    ) -> tuple[UUID, UUID | None]:
        found_id, found_member = self.known.get(person.id_index, (uuid.uuid4(), None))
        self.known[person.id_index] = (found_id, member_id or found_member)
        self.links[found_id] = person.person_link or self.links.get(found_id)
        return self.known[person.id_index]

    async def link_of(self, person_id: UUID) -> str | None:
        return self.links.get(person_id)


class FakeUnitOfWork(AbstractUnitOfWork):
    """Every repository in memory; ``published`` collects the outbox."""

    def __init__(self, today: date = date(2026, 6, 1)) -> None:
        super().__init__(Protector(), clock=lambda: today)
        self.replica = FakeReplica()
        self.people = FakePeople()
        self.marks: dict[tuple[UUID, int, UUID], Mark] = {}
        self.published: list[PendingEvent] = []
        self._stores: dict[str, Stored[Any]] = {}

    def _build(self, name: str, base: type[Any]) -> Any:
        stored = self._stores.setdefault(name, Stored())
        return (base if base in (FakeEnrolments, FakeEntries) else _repository(base))(stored)

    async def _begin(self) -> None:
        self.classes = self._build("classes", class_ports.ClassRepository)
        self.enrolments = self._build("enrolments", FakeEnrolments)
        self.certificates = self._build("certificates", class_ports.CertificateRepository)
        self.attendance = FakeAttendance(self.marks)
        self.seekers = self._build("seekers", employment_ports.SeekerRepository)
        self.postings = self._build("postings", employment_ports.PostingRepository)
        self.fairs = self._build("fairs", employment_ports.FairRepository)
        self.placements = self._build("placements", employment_ports.PlacementRepository)
        self.competitions = self._build("competitions", competition_ports.CompetitionRepository)
        self.entries = self._build("entries", FakeEntries)

    async def _commit(self, events: Sequence[PendingEvent]) -> None:
        self.published += events

    async def _rollback(self) -> None:
        return None

    def stored_classes(self) -> dict[UUID, TrainingClass]:
        return self._stores["classes"].rows

    def stored_certificates(self) -> dict[UUID, Certificate]:
        return self._stores["certificates"].rows
