"""Hardship assistance integration contracts (困难职工帮扶): what the assistance service publishes.

Like membership's, every event carries ``org_id`` — the organisation whose subtree the fact
counts toward (for a household: the grassroots union its head belongs to, or the union that
filed it) — and ``occurred_on``, the business date. Hardship data is the most sensitive on
the platform, so events carry pseudonymous ids (household, member, employer, payment),
levels, causes, programmes, dates and amounts in fen: never a name, an ID number, a phone,
a bank account or a free-text reason that could name a person.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID

from pydantic import ConfigDict, Field

from shared.contracts.registry import IntegrationEvent, registry

HardshipLevel = Literal["deep", "relative", "accident"]
"""深度困难 deep, 相对困难 relative, 意外致困 accident."""
HardshipCause = Literal[
    "illness", "disability", "child_education", "unemployment", "accident", "low_income", "other"
]
"""疾病, 残疾, 子女就学, 下岗失业, 意外事故, 低收入, 其他."""
Programme = Literal[
    "festival_consolation", "student_aid", "medical_aid", "emergency_relief", "summer_relief"
]
"""元旦春节送温暖, 金秋助学, 大病/医疗救助, 临时/应急救助, 夏送清凉."""
ExitReason = Literal["income_improved", "reemployed", "recovered", "other"]
CancellationReason = Literal["ineligible", "duplicate", "deceased", "moved_away", "other"]
ReviewFlagV1 = Literal["head_left_union", "head_retained", "not_reviewed_12_months"]
"""The review flags of ``assistance.household.flagged`` v1."""
ReviewFlag = Literal[
    "head_left_union", "head_retained", "not_reviewed_12_months", "dispute_concluded", "reemployed"
]
"""户主退会, 户主保留会籍, 12个月未复核, 户主欠薪/工伤争议结案, 户主实现(再)就业."""
RelocationReason = Literal["head_transferred", "reassigned"]
ApprovalStep = Literal["grassroots_opinion", "review", "approval"]
"""基层工会意见 → 街道/区审核 → 审批."""
RejectionReason = Literal[
    "ineligible", "insufficient_documents", "duplicate", "budget_exhausted", "other"
]
PaymentMethod = Literal["cash", "bank_transfer", "in_kind"]
VisitOccasion = Literal["hospital", "university_entry", "festival", "wedding", "funeral", "other"]
"""住院, 子女升学, 节日, 婚嫁, 丧事, 其他 (四必访/五必访)."""
DonorKind = Literal["individual", "employer", "union", "other"]
ClaimKind = Literal["inpatient", "outpatient_chronic", "critical_illness", "accident"]


class AssistanceEvent(IntegrationEvent):
    """Fields every assistance event carries (abstract: not registered itself)."""

    org_id: UUID = Field(description="organisation whose subtree the fact counts toward")
    occurred_on: date = Field(description="business date the fact takes effect")


class HouseholdEvent(AssistanceEvent):
    """Fields every hardship-file event carries (abstract)."""

    household_id: UUID = Field(description="pseudonymous id of the household's hardship file")


@registry.register
class HouseholdFiled(HouseholdEvent):
    event_type = "assistance.household.filed"
    description = (
        "困难职工建档（在档）/ A household's hardship file was approved and is now on file; "
        "occurred_on is the filing date."
    )

    head_member_id: UUID | None = Field(
        description="pseudonymous membership id of the head of household; null if not a member"
    )
    employer_id: UUID | None = Field(default=None, description="the head's employer, if known")
    level: HardshipLevel
    causes: list[HardshipCause] = Field(min_length=1)
    family_size: int = Field(ge=1, description="household members incl. the head")
    temporary: bool = Field(description="临时救助档案 (to be made formal or closed)")


@registry.register
class HouseholdFormalised(HouseholdEvent):
    event_type = "assistance.household.formalised"
    description = "临时档案转为正式档案 / A temporary relief file was made formal."

    level: HardshipLevel


@registry.register
class HouseholdReverified(HouseholdEvent):
    event_type = "assistance.household.reverified"
    description = (
        "年度复核 / The yearly re-verification confirmed the file, possibly at a new level."
    )

    level: HardshipLevel
    previous_level: HardshipLevel


@registry.register
class HouseholdRelocated(HouseholdEvent):
    event_type = "assistance.household.relocated"
    description = (
        "档案转移 / The file moved to another union's territory (org_id is the new one), "
        "e.g. because its head's membership was transferred."
    )

    from_org_id: UUID
    reason: RelocationReason


@registry.register
class HouseholdFlaggedV1(HouseholdEvent):
    # Version 1, kept for the events already published; decoded (upcast) as HouseholdFlagged.
    # No docstring: it would become the description of the committed v1 schema.
    model_config = ConfigDict(title="HouseholdFlagged")  # the committed v1 schema's title

    event_type = "assistance.household.flagged"
    description = (
        "档案待复核 / The file needs a review (its head left the union or retired, or it was "
        "not reviewed for 12 months); it stays on file until a person decides."
    )

    flag: ReviewFlagV1


@registry.register
class HouseholdFlagged(HouseholdEvent):
    event_type = "assistance.household.flagged"
    version = 2
    description = (
        "档案待复核 / The file needs a review (its head left the union or retired, it was not "
        "reviewed for 12 months, a wage-arrears or work-injury dispute of its head ended, or its "
        "head was placed in a job); it stays on file until a person decides. v2 adds the flags "
        "dispute_concluded and reemployed (a new enum value is a new version: a v1 consumer "
        "would refuse it)."
    )

    flag: ReviewFlag


@registry.upcaster("assistance.household.flagged", 1)
def _flagged_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Every v1 flag is a v2 flag: the data is unchanged."""
    return data


@registry.register
class HouseholdExited(HouseholdEvent):
    event_type = "assistance.household.exited"
    description = "解困脱困 / The household left hardship; the file is closed."

    reason: ExitReason


@registry.register
class HouseholdCancelled(HouseholdEvent):
    event_type = "assistance.household.cancelled"
    description = "档案注销 / The file was cancelled (not a way out of hardship)."

    reason: CancellationReason


@registry.register
class BudgetAllocated(AssistanceEvent):
    event_type = "assistance.budget.allocated"
    description = "帮扶项目年度预算 / An organisation's yearly budget for a programme was set (the new total)."

    budget_id: UUID
    programme: Programme
    year: int = Field(ge=2000, le=2100)
    amount_fen: int = Field(ge=0)


@registry.register
class ApplicationSubmitted(AssistanceEvent):
    event_type = "assistance.application.submitted"
    description = "帮扶申请提交 / An application for aid was submitted."

    application_id: UUID
    programme: Programme
    household_id: UUID | None
    member_id: UUID | None
    requested_fen: int = Field(gt=0)


@registry.register
class ApplicationApproved(AssistanceEvent):
    event_type = "assistance.application.approved"
    description = (
        "帮扶申请审批通过 / An application was approved with an amount, reserved from the "
        "budget of budget_org_id."
    )

    application_id: UUID
    programme: Programme
    household_id: UUID | None
    member_id: UUID | None
    approved_fen: int = Field(gt=0)
    budget_org_id: UUID


@registry.register
class ApplicationRejected(AssistanceEvent):
    event_type = "assistance.application.rejected"
    description = "帮扶申请未通过 / An application was rejected at one step of the approval chain."

    application_id: UUID
    programme: Programme
    step: ApprovalStep
    reason: RejectionReason


@registry.register
class AidPaid(AssistanceEvent):
    event_type = "assistance.aid.paid"
    description = (
        "帮扶资金发放 / Aid was paid, exactly once per payment_id; occurred_on is the payment "
        "date. One event is one 帮扶人次."
    )

    payment_id: UUID
    application_id: UUID | None = Field(description="null for a payment of a festival batch")
    batch_id: UUID | None = None
    programme: Programme
    household_id: UUID | None
    member_id: UUID | None
    employer_id: UUID | None = None
    amount_fen: int = Field(gt=0)
    method: PaymentMethod
    budget_org_id: UUID


@registry.register
class VisitRecorded(AssistanceEvent):
    event_type = "assistance.visit.recorded"
    description = "走访慰问 / A worker or household was visited (one event is one 走访人次)."

    visit_id: UUID
    household_id: UUID | None
    member_id: UUID | None
    employer_id: UUID | None = None
    occasion: VisitOccasion


@registry.register
class DonationCampaignOpened(AssistanceEvent):
    event_type = "assistance.donation.campaign_opened"
    description = "募捐活动发起 / A donation campaign was opened."

    campaign_id: UUID
    name: str = Field(description="the campaign's public title")
    closes_on: date | None = None
    target_fen: int | None = Field(default=None, ge=0)


@registry.register
class DonationReceived(AssistanceEvent):
    event_type = "assistance.donation.received"
    description = "募捐收款 / A donation to a campaign was received (no donor name travels)."

    receipt_id: UUID
    campaign_id: UUID
    amount_fen: int = Field(gt=0)
    donor_kind: DonorKind


@registry.register
class InsuranceEnrolled(AssistanceEvent):
    event_type = "assistance.insurance.enrolled"
    description = "职工互助医疗保障参保 / A member was enrolled in mutual medical insurance."

    enrolment_id: UUID
    member_id: UUID
    scheme_year: int = Field(ge=2000, le=2100)
    premium_fen: int = Field(ge=0)


@registry.register
class InsuranceClaimPaid(AssistanceEvent):
    event_type = "assistance.insurance.claim_paid"
    description = "互助保障报销 / A mutual insurance claim was paid."

    claim_id: UUID
    enrolment_id: UUID
    member_id: UUID
    claim_kind: ClaimKind
    amount_fen: int = Field(gt=0)


ASSISTANCE_CONTRACTS: tuple[type[AssistanceEvent], ...] = (
    HouseholdFiled,
    HouseholdFormalised,
    HouseholdReverified,
    HouseholdRelocated,
    HouseholdFlaggedV1,
    HouseholdFlagged,
    HouseholdExited,
    HouseholdCancelled,
    BudgetAllocated,
    ApplicationSubmitted,
    ApplicationApproved,
    ApplicationRejected,
    AidPaid,
    VisitRecorded,
    DonationCampaignOpened,
    DonationReceived,
    InsuranceEnrolled,
    InsuranceClaimPaid,
)
"""Every assistance contract, in catalogue order."""
