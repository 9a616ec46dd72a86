"""Commands: what a caller asks the membership service to do, and the answer it gets.

Every command carries ``scope_root`` (see :class:`shared.service_layer.Command`): the
organisation at the top of the acting principal's subtree, ``None`` for the whole city;
handlers refuse targets outside it. Commands that
create something carry the new id (a fresh uuid4 unless given), so a caller knows it before
the command runs and a retried request can reuse it. Free-form values (codes, ID numbers)
arrive as text and are validated by the domain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from shared.service_layer import Command

from membership.domain import (
    CommitteeMember,
    ContractKind,
    GrassrootsMode,
    HouseholdType,
    LeavingReason,
    OrganisationKind,
    RetentionReason,
    SigningParty,
    TransferReason,
)


@dataclass(frozen=True, kw_only=True)
class FoundUnion(Command):
    """Found a union organisation; ``parent_id`` is ``None`` only for the city federation."""

    kind: OrganisationKind
    name: str
    parent_id: UUID | None
    founded_on: date
    grassroots_mode: GrassrootsMode | None = None
    has_legal_person: bool = False
    org_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class RenameUnion(Command):
    org_id: UUID
    name: str
    renamed_on: date


@dataclass(frozen=True, kw_only=True)
class ReelectUnion(Command):
    org_id: UUID
    term_start: date
    term_end: date
    chair_name: str = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class ElectCommittee(Command):
    """Record a committee election (换届选举), held now or in the past."""

    org_id: UUID
    elected_on: date
    term_start: date
    term_end: date
    members: tuple[CommitteeMember, ...] = field(repr=False)
    committee_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class MoveUnion(Command):
    org_id: UUID
    new_parent_id: UUID
    moved_on: date


@dataclass(frozen=True, kw_only=True)
class DissolveUnion(Command):
    """Dissolve an organisation; employers it covered become uncovered the same day."""

    org_id: UUID
    dissolved_on: date


@dataclass(frozen=True)
class CensusFigures:
    """A headcount census (排摸) as entered."""

    workers: int
    women: int | None
    migrant_workers: int | None
    effective_on: date


@dataclass(frozen=True, kw_only=True)
class RegisterEmployer(Command):
    """Register an employer as of ``registered_on`` (``None``: today), entered by ``entered_by``."""

    uscc: str
    name: str
    registration_type: str
    industry: str
    territory_org_id: UUID
    entered_by: str
    registered_on: date | None = None
    census: CensusFigures | None = None
    employer_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class ReclassifyEmployer(Command):
    """Correct an employer's 登记注册类型."""

    employer_id: UUID
    registration_type: str


@dataclass(frozen=True, kw_only=True)
class UpdateCensus(Command):
    employer_id: UUID
    census: CensusFigures


@dataclass(frozen=True, kw_only=True)
class SetCoverage(Command):
    """Set the grassroots union covering an employer, or ``None`` when none does any more."""

    employer_id: UUID
    union_id: UUID | None
    effective_on: date


@dataclass(frozen=True, kw_only=True)
class AdmitMember(Command):
    """Admit a person (入会); also one row of a roster import (花名册导入)."""

    name: str = field(repr=False)
    id_number: str = field(repr=False)
    mobile: str | None = field(default=None, repr=False)
    household_type: HouseholdType
    employer_id: UUID
    union_id: UUID
    joined_on: date
    card_number: str | None = None
    member_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class TransferMember(Command):
    """Move a membership to another union (会籍接转).

    The member's current union must lie in the caller's scope; the target union may be anywhere.
    """

    member_id: UUID
    to_union_id: UUID
    effective_on: date
    reason: TransferReason
    handled_by: str
    new_employer_id: UUID | None = None
    note: str | None = field(default=None, repr=False)
    transfer_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class RetainMember(Command):
    member_id: UUID
    reason: RetentionReason
    effective_on: date


@dataclass(frozen=True, kw_only=True)
class ReinstateMember(Command):
    member_id: UUID
    effective_on: date


@dataclass(frozen=True, kw_only=True)
class MemberLeaves(Command):
    member_id: UUID
    reason: LeavingReason
    effective_on: date


@dataclass(frozen=True, kw_only=True)
class SignContract(Command):
    kind: ContractKind
    union_id: UUID
    employer_ids: tuple[UUID, ...]
    workers_covered: int
    signed_on: date
    starts_on: date
    ends_on: date
    signing_party: SigningParty = SigningParty.OWN_UNION
    contract_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class TerminateContract(Command):
    contract_id: UUID
    terminated_on: date
