"""Labour-dispute mediation integration contracts (劳动争议调解): what the disputes service publishes.

Every event carries ``org_id`` — the organisation whose subtree the fact counts toward (for a
case or a contact: the node of the mediation organisation that handles it) — and
``occurred_on``, the business date. Dispute files are as sensitive as hardship files, so
events carry pseudonymous ids (case, contact, member, employer, mediator), categories, counts,
dates and amounts in fen: never a party's name, ID number or phone, and never the free text of
facts, claims, minutes or reasons. The arbitration commission reads the hand-off package's
text through the service's API; the event tells it that a package is ready and what it holds.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID, uuid5

from pydantic import ConfigDict, Field

from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent, registry

Channel = Literal["visit", "phone", "online", "letter", "referred_by_superior"]
"""来访, 电话, 网上, 信件, 上级转办."""
Category = Literal[
    "labour_contract", "wages", "work_injury", "social_insurance", "dismissal", "other"
]
"""劳动合同, 劳动报酬/欠薪, 工伤, 社会保险, 解除终止, 其他."""
ContactOutcome = Literal["answered", "case_opened"]
"""当场答复/解答, 转为案件."""
DeclineReason = Literal[
    "not_labour_dispute", "out_of_jurisdiction", "already_in_arbitration", "time_barred", "other"
]
"""非劳动争议, 不属本组织管辖, 已申请仲裁或诉讼, 超过时效, 其他."""
FailureReason = Literal["no_agreement", "employer_absent", "party_refused", "deadline_passed"]
"""调解不成: 未达成协议, 用人单位拒不到场, 一方拒绝调解, 逾期未结."""
ExtensionReason = Literal[
    "further_investigation",
    "party_request",
    "awaiting_evidence",
    "settlement_near",
    "other",
    "unknown",
]
"""延期理由: 案情复杂需进一步调查, 当事人申请, 等待鉴定或证据, 协商中即将达成协议, 其他, 未记录."""
ReferralTarget = Literal["arbitration", "court"]
"""转仲裁, 转诉讼."""
TransferReason = Literal["escalated", "jurisdiction", "other"]
"""移交原因: 疑难复杂移交上级调解组织, 管辖调整, 其他."""
EmploymentEnding = Literal[
    "still_employed", "dismissed", "resigned", "contract_expired", "employer_closed", "unknown"
]
"""劳动关系现状: 在职, 被解除, 辞职, 合同到期, 单位关停, 不详."""
ArbitrationOutcome = Literal[
    "award_for_worker", "partial_award", "dismissed", "conciliated", "withdrawn"
]
"""仲裁结果: 支持, 部分支持, 驳回, 仲裁调解, 撤回."""
ClosingOutcome = Literal["settled", "referred", "withdrawn", "declined"]
"""办结方式: 调解成功, 调解不成并转出, 撤回, 不予受理."""
AidStage = Literal["arbitration", "first_instance", "second_instance"]
"""法律援助阶段: 仲裁, 一审, 二审."""
AidOutcome = Literal["won", "partly_won", "lost", "settled", "withdrawn"]
RiskKind = Literal["wage_arrears", "layoffs", "relocation", "closure", "social_insurance", "other"]
"""预警风险: 欠薪, 裁员, 搬迁, 关停, 社保欠缴, 其他."""


class DisputeEvent(IntegrationEvent):
    """Fields every disputes event carries (abstract: not registered itself)."""

    org_id: UUID = Field(description="organisation whose subtree the fact counts toward")
    occurred_on: date = Field(description="business date the fact takes effect")


class CaseEvent(DisputeEvent):
    """Fields every case event carries (abstract)."""

    case_id: UUID = Field(description="pseudonymous id of the case")


class CaseOutcomeEvent(CaseEvent):
    """What a case's end tells other services (abstract): who, about what, against whom."""

    category: Category
    employer_id: UUID | None = Field(description="membership's employer, when the case names one")
    applicant_member_ids: list[UUID] = Field(
        description="pseudonymous membership ids of the applicants who are members"
    )


@registry.register
class ContactLogged(DisputeEvent):
    event_type = "disputes.contact.logged"
    description = (
        "接待来访 / A worker's contact (visit, call, online, letter, referral) was logged."
    )

    contact_id: UUID
    channel: Channel
    workers_involved: int = Field(ge=1)
    category: Category | None = Field(description="the topic, when it is a dispute category")


@registry.register
class ContactClosed(DisputeEvent):
    event_type = "disputes.contact.closed"
    description = "来访办结 / A contact was answered, or turned into a case (case_id)."

    contact_id: UUID
    outcome: ContactOutcome
    case_id: UUID | None = None


@registry.register
class CaseReceived(CaseEvent):
    event_type = "disputes.case.received"
    description = (
        "案件登记 / A dispute was registered for mediation (not yet accepted); counts are of the "
        "workers the applicants speak for (≥ 10 is a collective dispute 集体争议)."
    )

    channel: Channel
    category: Category
    employer_id: UUID | None = None
    workers_involved: int = Field(ge=1)
    migrant_workers: int = Field(ge=0, description="of whom 农民工")
    collective: bool
    claimed_fen: int = Field(ge=0, description="涉案金额 in fen")
    applicant_member_ids: list[UUID] = Field(default_factory=list)


@registry.register
class CaseAccepted(CaseEvent):
    event_type = "disputes.case.accepted"
    description = "受理 / The case was accepted; the 15-day mediation period runs to due_on."

    category: Category
    due_on: date


@registry.register
class CaseDeclined(CaseEvent):
    event_type = "disputes.case.declined"
    description = (
        "不予受理 / The case was declined (it is closed with that outcome by its own event)."
    )

    reason: DeclineReason


@registry.register
class MediatorAssigned(CaseEvent):
    event_type = "disputes.case.mediator_assigned"
    description = "指派调解员 / A mediator was assigned (or replaced) on the case."

    mediator_id: UUID


@registry.register
class CaseTransferred(CaseEvent):
    event_type = "disputes.case.transferred"
    description = (
        "移交 / An open case was handed to another mediation organisation (e.g. a community "
        "调解室 hands it up to the street 调解分中心); org_id is the node now holding it and "
        "counts its later facts, from_org_id the node that held it. The mediation period runs "
        "on from acceptance; the new organisation assigns its own mediator."
    )

    from_org_id: UUID
    from_mediation_org_id: UUID | None = Field(
        description="the mediation organisation that held it, if the case named one"
    )
    mediation_org_id: UUID = Field(description="the mediation organisation now holding it")
    reason: TransferReason


@registry.register
class SessionHeld(CaseEvent):
    event_type = "disputes.case.session_held"
    description = "调解 / A mediation session was held (minutes kept by the service, not here)."

    session_no: int = Field(ge=1)
    attendees: int = Field(ge=1)


@registry.register
class DeadlineExtendedV1(CaseEvent):
    # Version 1, kept for the events already published; decoded (upcast) as DeadlineExtended.
    # No docstring: it would become the description of the committed v1 schema.
    model_config = ConfigDict(title="DeadlineExtended")  # the committed v1 schema's title

    event_type = "disputes.case.deadline_extended"
    description = "延长调解期限 / Both parties agreed to extend mediation to due_on."

    due_on: date


@registry.register
class DeadlineExtended(CaseEvent):
    event_type = "disputes.case.deadline_extended"
    version = 2
    description = (
        "延长调解期限 / Both parties agreed to extend mediation to due_on. v2 adds the reason's "
        "code (延期理由; a new required field is a new version); the mediator's note stays in "
        "the service. A v1 event decodes with reason unknown (未记录)."
    )

    due_on: date
    reason: ExtensionReason = Field(description="code of the reason; unknown only on a v1 event")


@registry.upcaster("disputes.case.deadline_extended", 1)
def _extended_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """A v1 extension was published before reasons were asked: its reason is unknown."""
    data["reason"] = "unknown"
    return data


@registry.register
class CaseOverdue(CaseEvent):
    event_type = "disputes.case.overdue"
    description = (
        "逾期 / The case passed its due date without an outcome (occurred_on: first day late)."
    )

    due_on: date


@registry.register
class CaseSettled(CaseOutcomeEvent):
    event_type = "disputes.case.settled"
    description = "调解成功 / Both parties confirmed a mediation agreement with the agreed amount."

    agreed_fen: int = Field(ge=0)


@registry.register
class CaseFailed(CaseOutcomeEvent):
    event_type = "disputes.case.failed"
    description = "调解不成 / Mediation failed; the case awaits referral to arbitration or court."

    reason: FailureReason


@registry.register
class CaseReferred(CaseEvent):
    event_type = "disputes.case.referred"
    description = (
        "转仲裁/诉讼 / A failed case was handed to the arbitration commission (or a court) with its "
        "package: these data items, the evidence list by hash, the text through the API."
    )

    target: ReferralTarget
    category: Category
    collective: bool
    workers_involved: int = Field(ge=1)
    claimed_fen: int = Field(ge=0)
    wages_claimed_fen: int = Field(ge=0)
    overtime_claimed_fen: int = Field(ge=0)
    social_insurance_claimed: bool
    work_injury: bool
    employment_ending: EmploymentEnding
    had_written_contract: bool | None = None
    evidence_sha256: list[str] = Field(description="SHA-256 of each evidence document, in order")


@registry.register
class ArbitrationDecided(CaseOutcomeEvent):
    event_type = "disputes.case.arbitration_decided"
    description = "仲裁结果 / The arbitration commission's outcome, recorded back on the case."

    outcome: ArbitrationOutcome
    awarded_fen: int = Field(ge=0)


@registry.register
class RecoveryRecordedV1(CaseEvent):
    # Version 1, kept for the events already published; decoded (upcast) as RecoveryRecorded.
    # No docstring: it would become the description of the committed v1 schema.
    model_config = ConfigDict(title="RecoveryRecorded")  # the committed v1 schema's title

    event_type = "disputes.case.recovery_recorded"
    description = (
        "追回金额 / A payment under the agreement or award arrived (amount_fen this time)."
    )

    amount_fen: int = Field(gt=0)


@registry.register
class RecoveryRecorded(CaseEvent):
    event_type = "disputes.case.recovery_recorded"
    version = 2
    description = (
        "追回金额 / A payment under the agreement or award arrived (amount_fen this time). "
        "v2 adds recovery_id, so two equal payments on one case stay two facts and a consumer "
        "can deduplicate redeliveries (a new required field is a new version)."
    )

    recovery_id: UUID = Field(description="id of this recovery (one payment recorded once)")
    amount_fen: int = Field(gt=0)


RECOVERY_ID_NAMESPACE = UUID("0b6f3c1e-5a7d-5e2b-9c4f-7d1a2e3b4c5d")
"""uuid5 namespace of the recovery ids derived for v1 events (from their event id)."""


@registry.envelope_upcaster("disputes.case.recovery_recorded", 1)
def _recovery_v1_to_v2(data: dict[str, Any], envelope: CloudEvent) -> dict[str, Any]:
    """A v1 recovery gets an id derived from its event id: the same on every decoding."""
    data["recovery_id"] = str(uuid5(RECOVERY_ID_NAMESPACE, envelope.id))
    return data


@registry.register
class CaseWithdrawn(CaseEvent):
    event_type = "disputes.case.withdrawn"
    description = "撤回 / The applicant withdrew the case."


@registry.register
class CaseClosed(CaseEvent):
    event_type = "disputes.case.closed"
    description = "办结 / The case was closed with its outcome."

    outcome: ClosingOutcome
    category: Category


@registry.register
class LegalAidGranted(DisputeEvent):
    event_type = "disputes.legal_aid.granted"
    description = "法律援助 / Legal aid was granted on a case or to a worker, for a stage."

    aid_id: UUID
    case_id: UUID | None = None
    member_id: UUID | None = None
    stage: AidStage


@registry.register
class LegalAidConcluded(DisputeEvent):
    event_type = "disputes.legal_aid.concluded"
    description = "法律援助结案 / The aided proceedings ended with an outcome and an amount."

    aid_id: UUID
    outcome: AidOutcome
    amount_fen: int = Field(ge=0)


@registry.register
class RiskReported(DisputeEvent):
    event_type = "disputes.warning.risk_reported"
    description = "预警 / An enterprise's early-warning reporter (预警员) reported a risk."

    warning_id: UUID
    employer_id: UUID | None = None
    risk: RiskKind
    workers_at_risk: int = Field(ge=0)
