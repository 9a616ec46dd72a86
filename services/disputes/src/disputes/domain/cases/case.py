"""案件: a labour dispute brought for mediation, from registration to 办结.

received → accepted (受理, due in 15 days: 劳动争议调解仲裁法 art. 14) or declined → mediator
assigned (mediating) → sessions → settled (调解协议) or failed (调解不成) → referred (转仲裁/
诉讼); withdrawn from any open status; closed (办结) only from settled, referred, withdrawn or
declined; an open case can be transferred (移交) to another mediation organisation (see
``transfer``) and its limit extended with both parties' agreement (see ``extension``).
Every step records an event, which is also the case's history entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from shared.seedwork import InvalidValue, RecordedEvent

from disputes.domain.cases import events as ev
from disputes.domain.cases.codes import (
    CaseStatus,
    Category,
    Channel,
    ClosingOutcome,
    DeclineReason,
    FailureReason,
)
from disputes.domain.cases.extension import MAX_EXTENSION_DAYS, CaseExtension
from disputes.domain.cases.mediation import CaseMediation
from disputes.domain.cases.outcomes import CaseOutcomes
from disputes.domain.cases.parts import (
    Agreement,
    Award,
    EvidenceItem,
    Extension,
    Referral,
    SealedApplicant,
    SealedEmployer,
    Session,
)
from disputes.domain.cases.state import OPEN, CaseState
from disputes.domain.cases.transfer import CaseTransfer
from disputes.domain.dating import Dating

__all__ = ["MAX_EXTENSION_DAYS", "MEDIATION_DAYS", "Case", "CaseState"]

MEDIATION_DAYS = 15
"""劳动争议调解仲裁法 art. 14: mediation ends within 15 days of acceptance."""

_CLOSABLE: dict[CaseStatus, ClosingOutcome] = {
    CaseStatus.SETTLED: ClosingOutcome.SETTLED,
    CaseStatus.REFERRED: ClosingOutcome.REFERRED,
    CaseStatus.WITHDRAWN: ClosingOutcome.WITHDRAWN,
    CaseStatus.DECLINED: ClosingOutcome.DECLINED,
}


@dataclass(eq=False)
class Case(CaseMediation, CaseExtension, CaseOutcomes, CaseTransfer, CaseState):
    id: UUID
    org_id: UUID
    status: CaseStatus
    channel: Channel
    category: Category
    employer: SealedEmployer
    applicants: tuple[SealedApplicant, ...]
    workers_involved: int
    migrant_workers: int
    claimed_fen: int
    facts_cipher: bytes = field(repr=False)
    claims_cipher: bytes = field(repr=False)
    received_on: date
    contact_id: UUID | None = None
    mediation_org_id: UUID | None = None
    accepted_on: date | None = None
    due_on: date | None = None
    overdue: bool = False
    decline_reason: DeclineReason | None = None
    mediator_id: UUID | None = None
    sessions: tuple[Session, ...] = ()
    agreement: Agreement | None = None
    failure_reason: FailureReason | None = None
    referral: Referral | None = None
    award: Award | None = None
    recovered_fen: int = 0
    closing_outcome: ClosingOutcome | None = None
    closed_on: date | None = None
    evidence: tuple[EvidenceItem, ...] = ()
    extensions: tuple[Extension, ...] = ()
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)
    actor: str = field(default="", compare=False)
    """Who acts in this unit (the token's subject): written into each history entry."""

    @classmethod
    def receive(cls, *, dating: Dating, **state: object) -> Case:
        """案件登记: register a dispute (the caller sealed its parties and texts).

        Raises:
            InvalidValue: counts that do not add up, a date out of range.
        """
        case = cls(status=CaseStatus.RECEIVED, **state)  # type: ignore[arg-type]
        case._check_counts()
        dating.check(case.received_on, field="received_on", label="登记日期")
        case._record(
            ev.CaseReceived(
                case.id,
                case.org_id,
                case.received_on,
                case.channel,
                case.category,
                case.employer.employer_id,
                case.workers_involved,
                case.migrant_workers,
                case.collective,
                case.claimed_fen,
                case.outcome_facts().applicant_member_ids,
            )
        )
        return case

    def _check_counts(self) -> None:
        if not self.applicants:
            raise InvalidValue("至少须有一名申请人", field="applicants")
        if self.workers_involved < len(self.applicants):
            raise InvalidValue("涉及职工人数不能少于申请人数", field="workers_involved")
        if self.migrant_workers > self.workers_involved:
            raise InvalidValue("农民工人数不能超过涉及职工人数", field="migrant_workers")

    def accept(self, accepted_on: date, today: date) -> None:
        """受理: the 15-day mediation period starts."""
        self._require("受理", CaseStatus.RECEIVED)
        self._check_day(accepted_on, today, field="accepted_on", label="受理日期")
        self.status, self.accepted_on = CaseStatus.ACCEPTED, accepted_on
        self.due_on = accepted_on + timedelta(days=MEDIATION_DAYS)
        self._record(ev.CaseAccepted(self.id, self.org_id, accepted_on, self.category, self.due_on))

    def decline(self, reason: DeclineReason, on: date, today: date) -> None:
        """不予受理, with its reason."""
        self._require("不予受理", CaseStatus.RECEIVED)
        self._check_day(on, today, field="declined_on", label="不予受理日期")
        self.status, self.decline_reason = CaseStatus.DECLINED, reason
        self._record(ev.CaseDeclined(self.id, self.org_id, on, reason))

    def assign_mediator(self, mediator_id: UUID, on: date, today: date) -> None:
        """指派调解员 (or replace the one assigned)."""
        self._require("指派调解员", CaseStatus.ACCEPTED, CaseStatus.MEDIATING)
        self._check_day(on, today, field="assigned_on", label="指派日期")
        self.status, self.mediator_id = CaseStatus.MEDIATING, mediator_id
        self._record(ev.MediatorAssigned(self.id, self.org_id, on, mediator_id))

    def mark_overdue(self, today: date) -> bool:
        """逾期: an open accepted case past its due date is marked once; False if not due."""
        if self.status not in OPEN or self.due_on is None or self.overdue:
            return False
        if today <= self.due_on:
            return False
        self.overdue = True
        first_late = self.due_on + timedelta(days=1)
        self._record(ev.CaseOverdue(self.id, self.org_id, first_late, self.due_on))
        return True

    def withdraw(self, on: date, today: date) -> None:
        """撤回: the applicant withdraws, any time before an outcome."""
        allowed = (CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.MEDIATING)
        self._require("撤回", *allowed, CaseStatus.FAILED)
        self._check_day(on, today, field="withdrawn_on", label="撤回日期")
        self.status = CaseStatus.WITHDRAWN
        self._record(ev.CaseWithdrawn(self.id, self.org_id, on))

    def close(self, on: date, today: date) -> None:
        """办结: only a settled, referred, withdrawn or declined case."""
        self._require("办结", *_CLOSABLE)
        self._check_day(on, today, field="closed_on", label="办结日期")
        outcome = _CLOSABLE[self.status]
        self.status, self.closing_outcome, self.closed_on = CaseStatus.CLOSED, outcome, on
        self._record(ev.CaseClosed(self.id, self.org_id, on, outcome, self.category))
