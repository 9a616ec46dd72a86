"""Commands on cases (案件), their evidence and legal aid."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from disputes.service_layer.commands import Command


@dataclass(frozen=True, kw_only=True)
class ApplicantInput:
    """An applicant worker as the request brings them (personal data in clear until sealed)."""

    name: str = field(repr=False)
    id_number: str | None = field(default=None, repr=False)
    phone: str | None = field(default=None, repr=False)
    member_id: UUID | None = None
    migrant_worker: bool = False


@dataclass(frozen=True, kw_only=True)
class CaseCommand(Command):
    """A command on one existing case, by someone (the token's subject)."""

    case_id: UUID
    by: str


@dataclass(frozen=True, kw_only=True)
class ReceiveCase(Command):
    org_id: UUID
    channel: str
    category: str
    applicants: tuple[ApplicantInput, ...]
    workers_involved: int
    migrant_workers: int
    claimed_fen: int
    facts: str = field(repr=False)
    claims: str = field(repr=False)
    received_on: date
    by: str
    employer_id: UUID | None = None
    employer_name: str | None = field(default=None, repr=False)
    employer_uscc: str | None = None
    mediation_org_id: UUID | None = None
    contact_id: UUID | None = None
    case_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class AcceptCase(CaseCommand):
    accepted_on: date


@dataclass(frozen=True, kw_only=True)
class DeclineCase(CaseCommand):
    reason: str
    declined_on: date


@dataclass(frozen=True, kw_only=True)
class AssignMediator(CaseCommand):
    mediator_id: UUID
    assigned_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ScheduleSession(CaseCommand):
    scheduled_on: date


@dataclass(frozen=True, kw_only=True)
class HoldSession(CaseCommand):
    session_no: int
    held_on: date
    attendees: tuple[str, ...] = field(repr=False)
    minutes: str = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class ExtendDeadline(CaseCommand):
    due_on: date
    both_parties_agreed: bool
    reason: str
    note: str | None = field(default=None, repr=False)
    agreed_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class SettleCase(CaseCommand):
    agreed_fen: int
    terms: str = field(repr=False)
    signed_on: date
    worker_confirmed: bool
    employer_confirmed: bool
    pay_by: date | None = None


@dataclass(frozen=True, kw_only=True)
class FailCase(CaseCommand):
    reason: str
    failed_on: date


@dataclass(frozen=True, kw_only=True)
class ReferCase(CaseCommand):
    target: str
    referred_on: date
    wages_claimed_fen: int
    overtime_claimed_fen: int
    social_insurance_claimed: bool
    work_injury: bool
    employment_ending: str
    had_written_contract: bool | None = None


@dataclass(frozen=True, kw_only=True)
class TransferCase(CaseCommand):
    mediation_org_id: UUID
    reason: str
    transferred_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class RecordAward(CaseCommand):
    outcome: str
    awarded_fen: int
    decided_on: date
    award_no: str


@dataclass(frozen=True, kw_only=True)
class RecordRecovery(CaseCommand):
    amount_fen: int
    received_on: date
    recovery_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class WithdrawCase(CaseCommand):
    withdrawn_on: date


@dataclass(frozen=True, kw_only=True)
class CloseCase(CaseCommand):
    closed_on: date


@dataclass(frozen=True, kw_only=True)
class AttachEvidence(CaseCommand):
    kind: str
    filename: str = field(repr=False)
    content: bytes = field(repr=False)
    max_bytes: int
    evidence_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class GrantLegalAid(Command):
    org_id: UUID
    provider: str
    stage: str
    granted_on: date
    case_id: UUID | None = None
    member_id: UUID | None = None
    worker_name: str | None = field(default=None, repr=False)
    aid_id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True, kw_only=True)
class ConcludeLegalAid(Command):
    aid_id: UUID
    outcome: str
    amount_fen: int
    concluded_on: date
