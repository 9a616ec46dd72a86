"""The state a case carries, and the checks every step of its lifecycle shares."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, InvalidTransition, InvalidValue

from disputes.domain.cases.codes import (
    STATUS_LABELS,
    CaseStatus,
    Category,
    Channel,
    ClosingOutcome,
    DeclineReason,
    FailureReason,
)
from disputes.domain.cases.events import OutcomeFacts
from disputes.domain.cases.parts import (
    COLLECTIVE_THRESHOLD,
    Agreement,
    Award,
    EvidenceItem,
    Extension,
    Referral,
    SealedApplicant,
    SealedEmployer,
    Session,
)

OPEN: tuple[CaseStatus, ...] = (CaseStatus.ACCEPTED, CaseStatus.MEDIATING)
"""Accepted and not yet ended: the 15-day clock runs."""


class CaseState(Aggregate):
    """Attributes of :class:`~disputes.domain.cases.case.Case`, declared for its mixins."""

    org_id: UUID
    status: CaseStatus
    channel: Channel
    category: Category
    employer: SealedEmployer
    applicants: tuple[SealedApplicant, ...]
    workers_involved: int
    migrant_workers: int
    claimed_fen: int
    received_on: date
    mediation_org_id: UUID | None
    accepted_on: date | None
    due_on: date | None
    overdue: bool
    decline_reason: DeclineReason | None
    mediator_id: UUID | None
    sessions: tuple[Session, ...]
    agreement: Agreement | None
    failure_reason: FailureReason | None
    referral: Referral | None
    award: Award | None
    recovered_fen: int
    closing_outcome: ClosingOutcome | None
    closed_on: date | None
    evidence: tuple[EvidenceItem, ...]
    extensions: tuple[Extension, ...]

    @property
    def collective(self) -> bool:
        """集体争议: ten or more workers involved."""
        return self.workers_involved >= COLLECTIVE_THRESHOLD

    def outcome_facts(self) -> OutcomeFacts:
        members = tuple(a.member_id for a in self.applicants if a.member_id is not None)
        return OutcomeFacts(self.category, self.employer.employer_id, members)

    def _require(self, action: str, *allowed: CaseStatus) -> None:
        """Refuse ``action`` unless the case is in one of ``allowed``.

        Raises:
            InvalidTransition: naming the current status (field ``status``).
        """
        if self.status not in allowed:
            label = STATUS_LABELS[self.status]
            raise InvalidTransition(f"案件当前状态为“{label}”，不能{action}", field="status")

    def _check_day(self, day: date, today: date, *, field: str, label: str) -> None:
        """A step's date: not in the future, not before the case was received."""
        if day > today:
            raise InvalidValue(f"{label}不能晚于今天", field=field)
        if day < self.received_on:
            raise InvalidValue(f"{label}不能早于登记日期", field=field)
