"""帮扶申请: an application for aid and its approval chain.

submitted → (基层工会意见 support) supported → (街道/区审核 pass) reviewed → (审批) approved;
a rejection at any step ends it (rejected) with a reason code, and a note kept here only.
The approved amount is at most the requested amount (an approver may grant less, never more).
Who may take each step: :mod:`assistance.domain.aid.application_authority`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, InvalidValue, RecordedEvent

from assistance.domain.aid.application_authority import Actor, Reach, ensure_may_act
from assistance.domain.aid.application_status import (
    NEXT_STEP,
    STATUS_LABELS,
    Applicant,
    ApplicationStatus,
    Rejection,
)
from assistance.domain.aid.budget import ensure_programme
from assistance.domain.aid.codes import REJECTION_REASONS, ApprovalStep, Programme, RejectionReason
from assistance.domain.aid.errors import StepOutOfOrder
from assistance.domain.aid.events import (
    ApplicationApproved,
    ApplicationRejected,
    ApplicationSubmitted,
)
from assistance.domain.aid.payment import Funding, Payee, Payment
from assistance.domain.amounts import ensure_amount
from assistance.domain.history import After, Dating


@dataclass(eq=False)
class Application(Aggregate):
    """One application; ``opinion_by``/``reviewed_by``/``approved_by`` are token subjects."""

    id: UUID
    programme: Programme
    applicant: Applicant
    requested_fen: int
    submitted_on: date
    submitted_by: str
    status: ApplicationStatus = ApplicationStatus.SUBMITTED
    opinion_by: str | None = None
    opinion_on: date | None = None
    reviewed_by: str | None = None
    reviewed_on: date | None = None
    approved_by: str | None = None
    approved_on: date | None = None
    approved_fen: int | None = None
    budget_id: UUID | None = None
    budget_org_id: UUID | None = None
    rejection: Rejection | None = None
    reason_cipher: bytes | None = field(default=None, repr=False)
    """申请事由, sealed by the service layer: free text stays out of events and logs."""
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def submit(
        cls,
        *,
        application_id: UUID,
        programme: str,
        applicant: Applicant,
        requested_fen: int,
        submitted_by: str,
        today: date,
        on: date | None = None,
        dating: Dating | None = None,
        filed_on: date | None = None,
        reason_cipher: bytes | None = None,
    ) -> Application:
        """Submit an application for a household or a member, dated ``on`` (default today).

        Raises:
            InvalidValue: unknown programme, nobody to aid, a non-positive or fractional amount,
                a date after today, before the history limit or before the household's filing.
        """
        code = ensure_programme(programme)
        day = (dating or Dating(today)).check(
            on or today,
            field="submitted_on",
            label="申请日期",
            after=After(filed_on, "该户建档日期"),
        )
        if applicant.household_id is None and applicant.member_id is None:
            raise InvalidValue("须指明申请的困难户或会员", field="household_id")
        ensure_amount(requested_fen, field="requested_fen", label="申请金额")
        application = cls(
            id=application_id,
            programme=code,
            applicant=applicant,
            requested_fen=requested_fen,
            submitted_on=day,
            submitted_by=submitted_by,
            reason_cipher=reason_cipher,
        )
        application._record(
            ApplicationSubmitted(
                application_id=application_id,
                org_id=applicant.org_id,
                programme=code,
                household_id=applicant.household_id,
                member_id=applicant.member_id,
                requested_fen=requested_fen,
                submitted_on=day,
            )
        )
        return application

    @property
    def org_id(self) -> UUID:
        """The applicant's organisation: scope checks and figures use it."""
        return self.applicant.org_id

    @property
    def next_step(self) -> ApprovalStep | None:
        """The step due, or ``None`` once approved or rejected."""
        return NEXT_STEP.get(self.status)

    @property
    def is_approved(self) -> bool:
        """Approved: its amount is reserved and it has (or is about to get) a payment order."""
        return self.status == ApplicationStatus.APPROVED

    @property
    def actors(self) -> frozenset[str]:
        """Subjects who took a step of this application so far."""
        return frozenset(s for s in (self.opinion_by, self.reviewed_by, self.approved_by) if s)

    def give_opinion(
        self, actor: Actor, reach: Reach, *, today: date, on: date | None = None,
        dating: Dating | None = None,
    ) -> None:  # fmt: skip
        """基层工会意见: support the application (to reject, use :meth:`reject`)."""
        self.authorise(ApprovalStep.GRASSROOTS_OPINION, actor, reach)
        day = (dating or Dating(today)).check(
            on or today, field="opinion_on", label="基层工会意见日期",
            after=After(self.submitted_on, "申请日期"),
        )  # fmt: skip
        self.status = ApplicationStatus.SUPPORTED
        self.opinion_by, self.opinion_on = actor.subject, day
        self._touch()

    def review(
        self, actor: Actor, reach: Reach, *, today: date, on: date | None = None,
        dating: Dating | None = None,
    ) -> None:  # fmt: skip
        """街道/区审核: pass the application on to approval (to reject, use :meth:`reject`)."""
        self.authorise(ApprovalStep.REVIEW, actor, reach)
        day = (dating or Dating(today)).check(
            on or today, field="reviewed_on", label="审核日期",
            after=After(self.opinion_on, "基层工会意见日期"),
        )  # fmt: skip
        self.status = ApplicationStatus.REVIEWED
        self.reviewed_by, self.reviewed_on = actor.subject, day
        self._touch()

    def approval_day(self, on: date | None, dating: Dating) -> date:
        """The approval's date (``on``, default today): its year picks the budget drawn on.

        Raises:
            InvalidValue: after today, before the history limit or before the review.
        """
        return dating.check(
            on or dating.today, field="approved_on", label="审批日期",
            after=After(self.reviewed_on, "审核日期"),
        )  # fmt: skip

    def approve(
        self,
        actor: Actor,
        reach: Reach,
        *,
        approved_fen: int,
        budget_id: UUID,
        budget_org_id: UUID,
        today: date,
        on: date | None = None,
        dating: Dating | None = None,
    ) -> None:
        """审批: approve an amount, to be reserved from the budget of ``budget_org_id``.

        Raises:
            InvalidValue: a non-positive or fractional amount, more than requested, or a date
                out of range (see :meth:`approval_day`).
            StepOutOfOrder, NotEntitled, NotInScope, SegregationOfDuties: see :meth:`authorise`.
        """
        self.authorise(ApprovalStep.APPROVAL, actor, reach)
        day = self.approval_day(on, dating or Dating(today))
        ensure_amount(approved_fen, field="approved_fen", label="核定金额")
        if approved_fen > self.requested_fen:
            raise InvalidValue(
                f"核定金额不能超过申请金额 {self.requested_fen} 分", field="approved_fen"
            )
        self.status = ApplicationStatus.APPROVED
        self.approved_by, self.approved_on = actor.subject, day
        self.approved_fen, self.budget_id, self.budget_org_id = (
            approved_fen,
            budget_id,
            budget_org_id,
        )
        self._record(
            ApplicationApproved(
                application_id=self.id,
                org_id=self.org_id,
                programme=self.programme,
                household_id=self.applicant.household_id,
                member_id=self.applicant.member_id,
                approved_fen=approved_fen,
                budget_org_id=budget_org_id,
                approved_on=day,
            )
        )

    def reject(
        self,
        actor: Actor,
        reach: Reach,
        *,
        reason: str,
        note_cipher: bytes | None,
        today: date,
    ) -> ApprovalStep:
        """Reject at the step due, with a reason code; the application ends.

        Returns:
            The step at which it was rejected.

        Raises:
            InvalidValue: an unknown reason code.
            StepOutOfOrder, NotEntitled, NotInScope, SegregationOfDuties: see :meth:`authorise`.
        """
        step = self._step_due()
        self.authorise(step, actor, reach, rejecting=True)
        if reason not in REJECTION_REASONS:
            raise InvalidValue("驳回原因代码无效：" + "、".join(REJECTION_REASONS), field="reason")
        code = RejectionReason(reason)
        self.rejection = Rejection(step, code, actor.subject, today, note_cipher)
        self.status = ApplicationStatus.REJECTED
        self._record(
            ApplicationRejected(
                application_id=self.id,
                org_id=self.org_id,
                programme=self.programme,
                step=step,
                reason=code,
                rejected_on=today,
            )
        )
        return step

    def payment_order(self) -> Payment:
        """The pending payment order of this approved application (its amount is reserved).

        Raises:
            StepOutOfOrder: the application is not approved.
        """
        fen, on = self.approved_fen, self.approved_on
        budget_id, budget_org_id = self.budget_id, self.budget_org_id
        if (
            not self.is_approved
            or fen is None
            or on is None
            or budget_id is None
            or budget_org_id is None
        ):
            raise StepOutOfOrder("申请尚未审批通过，不能生成付款单", field="application_id")
        a = self.applicant
        return Payment.for_application(
            application_id=self.id,
            payee=Payee(a.org_id, a.household_id, a.member_id, a.employer_id),
            funding=Funding(self.programme, budget_id, budget_org_id),
            amount_fen=fen,
            approved_on=on,
        )

    def _step_due(self) -> ApprovalStep:
        step = self.next_step
        if step is None:
            raise StepOutOfOrder(
                f"申请已{STATUS_LABELS[self.status]}，不能再办理", field="application_id"
            )
        return step

    def authorise(
        self, step: ApprovalStep, actor: Actor, reach: Reach, *, rejecting: bool = False
    ) -> None:
        """Refuse a step that is not due, or an actor who may not take it.

        Raises:
            StepOutOfOrder: the application is not at ``step``.
            NotEntitled, NotInScope, SegregationOfDuties: see ``ensure_may_act``.
        """
        due = self._step_due()
        if due != step:
            raise StepOutOfOrder(
                f"申请当前{STATUS_LABELS[self.status]}，不能办理该环节", field="step"
            )
        ensure_may_act(step, actor, reach, self.actors, rejecting=rejecting)
