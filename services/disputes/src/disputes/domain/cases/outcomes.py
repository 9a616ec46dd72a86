"""After mediation: referral to arbitration or court, the award recorded back, payments."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from shared.seedwork import InvalidTransition, InvalidValue, clean_text

from disputes.domain.cases import events as ev
from disputes.domain.cases.codes import CaseStatus, ClosingOutcome, ReferralTarget
from disputes.domain.cases.parts import Award, Referral
from disputes.domain.cases.state import CaseState


class CaseOutcomes(CaseState):
    """Referral, award and recoveries (a mixin of the case aggregate)."""

    def refer(self, referral: Referral, today: date) -> None:
        """转仲裁/诉讼: a failed case goes on with its package (items and evidence hashes)."""
        self._require("转仲裁或诉讼", CaseStatus.FAILED)
        self._check_day(referral.referred_on, today, field="referred_on", label="转出日期")
        self.status, self.referral = CaseStatus.REFERRED, referral
        items = referral.items
        self._record(
            ev.CaseReferred(
                self.id,
                self.org_id,
                referral.referred_on,
                referral.target,
                self.category,
                self.collective,
                self.workers_involved,
                self.claimed_fen,
                items.wages_claimed_fen,
                items.overtime_claimed_fen,
                items.social_insurance_claimed,
                items.work_injury,
                items.employment_ending,
                items.had_written_contract,
                referral.evidence_sha256,
            )
        )

    def record_award(self, award: Award, today: date) -> None:
        """仲裁结果: the commission's outcome on a case referred to arbitration, once."""
        referred = self.status == CaseStatus.REFERRED or (
            self.status == CaseStatus.CLOSED and self.closing_outcome == ClosingOutcome.REFERRED
        )
        if not referred or self.referral is None:
            self._require("登记仲裁结果", CaseStatus.REFERRED)
        assert self.referral is not None
        if self.referral.target != ReferralTarget.ARBITRATION:
            raise InvalidTransition("案件转往法院，不能登记仲裁结果", field="status")
        if self.award is not None:
            raise InvalidTransition("仲裁结果已登记", field="status")
        if award.decided_on < self.referral.referred_on or award.decided_on > today:
            raise InvalidValue("裁决日期须在转出之后、今天之前", field="decided_on")
        clean_text(award.award_no, field="award_no", label="裁决书编号", max_length=100)
        self.award = award
        self._record(
            ev.ArbitrationDecided(
                self.id,
                self.org_id,
                award.decided_on,
                self.outcome_facts(),
                award.outcome,
                award.awarded_fen,
            )
        )

    def record_recovery(
        self, recovery_id: UUID, amount_fen: int, received_on: date, today: date
    ) -> None:
        """追回金额: a payment under the agreement or the award arrived (``recovery_id``: this one)."""
        due = (self.agreement.agreed_fen if self.agreement else 0) + (
            self.award.awarded_fen if self.award else 0
        )
        if due == 0:
            raise InvalidTransition("案件没有调解协议或仲裁裁决金额，不能登记追回", field="status")
        if amount_fen <= 0:
            raise InvalidValue("追回金额须大于零", field="amount_fen")
        if self.recovered_fen + amount_fen > due:
            raise InvalidValue("追回金额累计不能超过协议或裁决金额", field="amount_fen")
        self._check_day(received_on, today, field="received_on", label="到账日期")
        self.recovered_fen += amount_fen
        self._record(
            ev.RecoveryRecorded(self.id, self.org_id, received_on, recovery_id, amount_fen)
        )
