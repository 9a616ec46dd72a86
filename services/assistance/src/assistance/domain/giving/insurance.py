"""职工互助医疗保障: mutual medical insurance enrolments and the claims paid on them.

A member (in the replica, active or retained) is enrolled at most once per scheme year, with
the premium paid in fen. A claim is paid on an enrolment, dated in the scheme year or the year
after (claims are settled after the year closes), never before the enrolment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, InvalidValue, RecordedEvent

from assistance.domain.amounts import ensure_amount, ensure_not_future, ensure_year
from assistance.domain.giving.codes import CLAIM_KINDS, ClaimKind
from assistance.domain.giving.events import InsuranceClaimPaid, InsuranceEnrolled
from assistance.domain.replica import ReplicaMember


@dataclass(eq=False)
class InsuranceClaim(Aggregate):
    """One claim paid; written once."""

    id: UUID
    enrolment_id: UUID
    member_id: UUID
    org_id: UUID
    claim_kind: ClaimKind
    amount_fen: int
    paid_on: date
    recorded_by: str
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)


@dataclass(eq=False)
class InsuranceEnrolment(Aggregate):
    """A member's enrolment for one scheme year; counted toward the member's union."""

    id: UUID
    member_id: UUID
    org_id: UUID
    scheme_year: int
    premium_fen: int
    enrolled_on: date
    recorded_by: str
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def enrol(
        cls,
        *,
        enrolment_id: UUID,
        member: ReplicaMember,
        scheme_year: int,
        premium_fen: int,
        enrolled_on: date,
        recorded_by: str,
        today: date,
    ) -> InsuranceEnrolment:
        """Enrol a current member (the repository refuses a second enrolment for the year).

        Raises:
            InvalidValue: a member who left, a bad year, premium or date.
        """
        if member.has_left:
            raise InvalidValue("该会员已退会，不能参保", field="member_id")
        ensure_year(scheme_year, field="scheme_year")
        ensure_amount(premium_fen, field="premium_fen", label="保费", zero_ok=True)
        ensure_not_future(enrolled_on, today=today, field="enrolled_on", label="参保日期")
        if abs(enrolled_on.year - scheme_year) > 1:
            raise InvalidValue("参保日期须在保障年度或其前一年", field="enrolled_on")
        enrolment = cls(
            enrolment_id,
            member.member_id,
            member.org_id,
            scheme_year,
            premium_fen,
            enrolled_on,
            recorded_by,
        )
        enrolment._record(
            InsuranceEnrolled(
                enrolment_id=enrolment_id,
                org_id=member.org_id,
                member_id=member.member_id,
                scheme_year=scheme_year,
                premium_fen=premium_fen,
                enrolled_on=enrolled_on,
            )
        )
        return enrolment

    def pay_claim(
        self,
        *,
        claim_id: UUID,
        claim_kind: str,
        amount_fen: int,
        paid_on: date,
        recorded_by: str,
        today: date,
    ) -> InsuranceClaim:
        """Record a claim paid on this enrolment.

        Raises:
            InvalidValue: an unknown kind, a non-positive or fractional amount, a date in the
                future, before the enrolment, or outside the scheme year and the year after.
        """
        if claim_kind not in CLAIM_KINDS:
            raise InvalidValue("报销类别代码无效：" + "、".join(CLAIM_KINDS), field="claim_kind")
        ensure_amount(amount_fen, field="amount_fen", label="报销金额")
        ensure_not_future(paid_on, today=today, field="paid_on", label="报销日期")
        if paid_on < self.enrolled_on or paid_on.year not in (
            self.scheme_year,
            self.scheme_year + 1,
        ):
            raise InvalidValue("报销日期须在参保之后、保障年度或次年内", field="paid_on")
        kind = ClaimKind(claim_kind)
        claim = InsuranceClaim(
            claim_id, self.id, self.member_id, self.org_id, kind, amount_fen, paid_on, recorded_by
        )
        claim._record(
            InsuranceClaimPaid(
                claim_id=claim_id,
                enrolment_id=self.id,
                org_id=self.org_id,
                member_id=self.member_id,
                claim_kind=kind,
                amount_fen=amount_fen,
                paid_on=paid_on,
            )
        )
        return claim
