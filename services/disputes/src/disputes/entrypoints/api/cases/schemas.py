"""Request and response bodies of the case routes."""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import ConfigDict, Field
from shared.http.fields import ApiModel, BusinessDate, Count, Fen, PositiveCount

from disputes.domain.cases.codes import (
    ArbitrationOutcome,
    Category,
    Channel,
    DeclineReason,
    EmploymentEnding,
    FailureReason,
    ReferralTarget,
    TransferReason,
)


class Body(ApiModel):
    model_config = ConfigDict(extra="forbid")


class ApplicantIn(Body):
    name: str = Field(min_length=1, max_length=50, description="姓名（加密保存）")
    id_number: str | None = Field(default=None, max_length=18, description="身份证号（加密保存）")
    phone: str | None = Field(default=None, max_length=11, description="手机号（加密保存）")
    member_id: UUID | None = Field(default=None, description="会员（会籍 id），非会员留空")
    migrant_worker: bool = Field(default=False, description="农民工")


class CaseIn(Body):
    org_id: UUID = Field(description="受理案件的组织（调解组织所在节点）")
    mediation_org_id: UUID | None = Field(default=None, description="调解组织")
    channel: Channel = Field(description="来源: 来访、电话、网上、信件、上级转办")
    category: Category = Field(description="争议类别")
    applicants: list[ApplicantIn] = Field(min_length=1, max_length=200)
    workers_involved: PositiveCount = Field(description="涉及职工人数（≥10 为集体争议）")
    migrant_workers: Count = Field(default=0, description="其中农民工人数")
    employer_id: UUID | None = Field(default=None, description="用人单位（会籍服务的单位）")
    employer_name: str | None = Field(default=None, max_length=200, description="单位名称")
    employer_uscc: str | None = Field(default=None, max_length=18, description="统一社会信用代码")
    claimed_fen: Fen = Field(description="涉案金额（分）")
    facts: str = Field(min_length=1, max_length=5000, description="事实与理由（加密保存）")
    claims: str = Field(min_length=1, max_length=2000, description="请求事项（加密保存）")
    received_on: BusinessDate = Field(description="登记日期")
    contact_id: UUID | None = Field(default=None, description="由哪次来访转来")


class AcceptIn(Body):
    accepted_on: BusinessDate


class DeclineIn(Body):
    reason: DeclineReason
    declined_on: BusinessDate


class MediatorIn(Body):
    mediator_id: UUID
    assigned_on: BusinessDate | None = Field(default=None, description="指派日期（默认今天）")


class SessionIn(Body):
    scheduled_on: BusinessDate


class SessionRecordIn(Body):
    held_on: BusinessDate
    attendees: list[str] = Field(min_length=1, max_length=50, description="到场人员（加密保存）")
    minutes: str = Field(min_length=1, max_length=20000, description="调解笔录（加密保存）")


ChosenExtensionReason = Literal[
    "further_investigation", "party_request", "awaiting_evidence", "settlement_near", "other"
]
"""The reasons a mediator picks (``unknown`` 未记录 only reads back on old extensions)."""


class ExtensionIn(Body):
    due_on: BusinessDate = Field(description="新的调解期限")
    both_parties_agreed: bool = Field(description="双方当事人均同意延长")
    reason: ChosenExtensionReason = Field(
        description="延期理由: 案情复杂需进一步调查、当事人申请、等待鉴定或证据、协商中即将达成协议、其他"
    )
    note: str | None = Field(
        default=None, max_length=500, description="说明（加密保存；理由为“其他”时必填）"
    )
    agreed_on: BusinessDate | None = Field(default=None, description="双方同意日期（默认今天）")


class SettlementIn(Body):
    agreed_fen: Fen = Field(description="协议金额（分）")
    terms: str = Field(min_length=1, max_length=10000, description="协议条款（加密保存）")
    signed_on: BusinessDate
    pay_by: BusinessDate | None = Field(default=None, description="履行期限")
    worker_confirmed: bool = Field(description="申请人确认")
    employer_confirmed: bool = Field(description="被申请人确认")


class FailureIn(Body):
    reason: FailureReason
    failed_on: BusinessDate


class ReferralIn(Body):
    target: ReferralTarget = ReferralTarget.ARBITRATION
    referred_on: BusinessDate
    had_written_contract: bool | None = Field(default=None, description="是否签订书面劳动合同")
    wages_claimed_fen: Fen = Field(default=0, description="请求工资（分）")
    overtime_claimed_fen: Fen = Field(default=0, description="请求加班费（分）")
    social_insurance_claimed: bool = False
    work_injury: bool = False
    employment_ending: EmploymentEnding = EmploymentEnding.UNKNOWN


class TransferIn(Body):
    mediation_org_id: UUID = Field(description="接收案件的调解组织")
    reason: TransferReason = Field(description="移交原因")
    transferred_on: BusinessDate | None = Field(default=None, description="移交日期（默认今天）")


class AwardIn(Body):
    outcome: ArbitrationOutcome
    awarded_fen: Fen = Field(description="裁决金额（分）")
    decided_on: BusinessDate
    award_no: str = Field(min_length=1, max_length=100, description="裁决书编号")


class RecoveryIn(Body):
    amount_fen: Fen = Field(description="本次到账金额（分）")
    received_on: BusinessDate


class WithdrawalIn(Body):
    withdrawn_on: BusinessDate


class ClosureIn(Body):
    closed_on: BusinessDate


class ApplicantOut(ApiModel):
    name: str
    id_number: str | None
    phone: str | None
    member_id: UUID | None
    migrant_worker: bool


class SessionOut(ApiModel):
    no: int
    scheduled_on: date
    held_on: date | None
    attendees: int
    record: str | None = Field(description="到场人员与笔录（仅 reveal）")


class AgreementOut(ApiModel):
    agreed_fen: int
    signed_on: date
    pay_by: date | None
    terms: str | None = Field(description="协议条款（仅 reveal）")


class ExtensionOut(ApiModel):
    no: int
    agreed_on: date
    due_on: date
    reason: str = Field(description="延期理由代码（unknown: 未记录）")
    note: str | None = Field(description="说明（仅 reveal）")


class EvidenceOut(ApiModel):
    id: UUID
    kind: str
    sha256: str
    size_bytes: int
    media_type: str


class CaseOut(ApiModel):
    id: UUID
    version: int
    org_id: UUID
    mediation_org_id: UUID | None
    status: str
    status_label: str
    channel: str
    category: str
    employer_id: UUID | None
    employer_name: str | None
    employer_uscc: str | None
    applicants: list[ApplicantOut]
    workers_involved: int
    migrant_workers: int
    collective: bool
    claimed_fen: int
    facts: str | None = Field(description="事实与理由（仅 reveal）")
    claims: str | None = Field(description="请求事项（仅 reveal）")
    received_on: date
    accepted_on: date | None
    due_on: date | None
    overdue: bool
    decline_reason: str | None
    mediator_id: UUID | None
    sessions: list[SessionOut]
    agreement: AgreementOut | None
    failure_reason: str | None
    referral: dict[str, object] | None
    award: dict[str, object] | None
    recovered_fen: int
    closing_outcome: str | None
    closed_on: date | None
    evidence: list[EvidenceOut]
    extensions: list[ExtensionOut]
