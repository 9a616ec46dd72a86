"""Domain events: facts the aggregates record. They stay inside the service.

``service_layer.translation`` turns them into integration contracts. They hold ids, codes,
dates and counts; personal data stays on the aggregates. Organisation and employer names are
business names; translation decides which of them leave the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.seedwork import DomainEvent


@dataclass(frozen=True)
class UnionFounded(DomainEvent):
    org_id: UUID
    parent_id: UUID | None
    kind: str
    grassroots_mode: str | None
    name: str
    founded_on: date


@dataclass(frozen=True)
class UnionRenamed(DomainEvent):
    org_id: UUID
    name: str
    renamed_on: date


@dataclass(frozen=True)
class UnionReelected(DomainEvent):
    org_id: UUID
    term_start: date
    term_end: date


@dataclass(frozen=True)
class CommitteeElected(DomainEvent):
    org_id: UUID
    committee_id: UUID
    elected_on: date
    term_start: date
    term_end: date
    size: int
    by_role: tuple[tuple[str, int], ...]
    women: int
    sex_recorded: int
    full_time: int


@dataclass(frozen=True)
class UnionMoved(DomainEvent):
    org_id: UUID
    old_parent_id: UUID
    new_parent_id: UUID
    moved_on: date


@dataclass(frozen=True)
class UnionDissolved(DomainEvent):
    org_id: UUID
    dissolved_on: date


@dataclass(frozen=True)
class EmployerRegistered(DomainEvent):
    employer_id: UUID
    territory_org_id: UUID
    uscc: str
    name: str
    registration_type: str
    ownership_class: str
    industry: str
    registered_on: date


@dataclass(frozen=True)
class EmployerReclassified(DomainEvent):
    employer_id: UUID
    territory_org_id: UUID
    registration_type: str
    ownership_class: str
    previous_registration_type: str
    corrected_on: date


@dataclass(frozen=True)
class EmployerCensusUpdated(DomainEvent):
    employer_id: UUID
    territory_org_id: UUID
    workers: int
    women: int | None
    migrant_workers: int | None
    effective_on: date


@dataclass(frozen=True)
class EmployerCoverageChanged(DomainEvent):
    employer_id: UUID
    territory_org_id: UUID
    covered_by_union_id: UUID | None
    coverage_mode: str | None
    effective_on: date


@dataclass(frozen=True)
class MemberAdmitted(DomainEvent):
    member_id: UUID
    union_id: UUID
    employer_id: UUID
    joined_on: date
    sex: str
    birth_year: int
    is_migrant_worker: bool


@dataclass(frozen=True)
class MemberTransferred(DomainEvent):
    member_id: UUID
    transfer_id: UUID
    from_union_id: UUID
    to_union_id: UUID
    employer_id: UUID
    reason: str
    effective_on: date


@dataclass(frozen=True)
class MemberRetained(DomainEvent):
    member_id: UUID
    union_id: UUID
    reason: str
    effective_on: date


@dataclass(frozen=True)
class MemberReinstated(DomainEvent):
    member_id: UUID
    union_id: UUID
    effective_on: date


@dataclass(frozen=True)
class MemberLeft(DomainEvent):
    member_id: UUID
    union_id: UUID
    reason: str
    effective_on: date


@dataclass(frozen=True)
class ContractSigned(DomainEvent):
    contract_id: UUID
    union_id: UUID
    kind: str
    signing_party: str
    employer_ids: tuple[UUID, ...]
    workers_covered: int
    signed_on: date
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class ContractTerminated(DomainEvent):
    contract_id: UUID
    union_id: UUID
    terminated_on: date
