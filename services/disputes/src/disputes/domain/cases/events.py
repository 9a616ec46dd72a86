"""Events of cases. Each one is also an entry of the case's hash-chained history; the ones
marked internal never leave the service (no contract stands for them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from shared.seedwork import DomainEvent

from disputes.domain.cases.codes import (
    ArbitrationOutcome,
    Category,
    Channel,
    ClosingOutcome,
    DeclineReason,
    EmploymentEnding,
    EvidenceKind,
    ExtensionReason,
    FailureReason,
    ReferralTarget,
    TransferReason,
)


@dataclass(frozen=True)
class CaseEvent(DomainEvent):
    case_id: UUID
    org_id: UUID
    occurred_on: date


@dataclass(frozen=True)
class InternalCaseEvent(CaseEvent):
    """A step kept in the case's history only."""


@dataclass(frozen=True)
class OutcomeFacts:
    """Who, about what, against whom: what a case's end tells other services."""

    category: Category
    employer_id: UUID | None
    applicant_member_ids: tuple[UUID, ...]


@dataclass(frozen=True)
class CaseReceived(CaseEvent):
    channel: Channel
    category: Category
    employer_id: UUID | None
    workers_involved: int
    migrant_workers: int
    collective: bool
    claimed_fen: int
    applicant_member_ids: tuple[UUID, ...]


@dataclass(frozen=True)
class CaseAccepted(CaseEvent):
    category: Category
    due_on: date


@dataclass(frozen=True)
class CaseDeclined(CaseEvent):
    reason: DeclineReason


@dataclass(frozen=True)
class MediatorAssigned(CaseEvent):
    mediator_id: UUID


@dataclass(frozen=True)
class SessionScheduled(InternalCaseEvent):
    session_no: int
    scheduled_on: date


@dataclass(frozen=True)
class SessionHeld(CaseEvent):
    session_no: int
    attendees: int


@dataclass(frozen=True)
class DeadlineExtended(CaseEvent):
    """The reason's code only: its note may name people and stays sealed on the case."""

    due_on: date
    reason: ExtensionReason


@dataclass(frozen=True)
class CaseOverdue(CaseEvent):
    due_on: date


@dataclass(frozen=True)
class CaseSettled(CaseEvent):
    outcome: OutcomeFacts
    agreed_fen: int


@dataclass(frozen=True)
class CaseFailed(CaseEvent):
    outcome: OutcomeFacts
    reason: FailureReason


@dataclass(frozen=True)
class CaseReferred(CaseEvent):
    target: ReferralTarget
    category: Category
    collective: bool
    workers_involved: int
    claimed_fen: int
    wages_claimed_fen: int
    overtime_claimed_fen: int
    social_insurance_claimed: bool
    work_injury: bool
    employment_ending: EmploymentEnding
    had_written_contract: bool | None
    evidence_sha256: tuple[str, ...]


@dataclass(frozen=True)
class ArbitrationDecided(CaseEvent):
    outcome: OutcomeFacts
    result: ArbitrationOutcome
    awarded_fen: int


@dataclass(frozen=True)
class CaseTransferred(CaseEvent):
    """org_id is the organisation now holding the case."""

    from_org_id: UUID
    from_mediation_org_id: UUID | None
    mediation_org_id: UUID
    reason: TransferReason


@dataclass(frozen=True)
class RecoveryRecorded(CaseEvent):
    recovery_id: UUID
    amount_fen: int


@dataclass(frozen=True)
class CaseWithdrawn(CaseEvent):
    pass


@dataclass(frozen=True)
class CaseClosed(CaseEvent):
    outcome: ClosingOutcome
    category: Category


@dataclass(frozen=True)
class EvidenceAttached(InternalCaseEvent):
    evidence_id: UUID
    kind: EvidenceKind
    sha256: str
    size_bytes: int
    media_type: str
