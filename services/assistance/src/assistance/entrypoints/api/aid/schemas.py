"""Request and response bodies of budgets, applications, payments and batches (OpenAPI).

Amounts are integer fen, strictly: 1.5, -1 or "100" is refused with 422 naming the field.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import ConfigDict, Field
from shared.http.fields import JSON_INTEGER, ApiModel, BusinessDate

from assistance.domain.aid.codes import PaymentMethod, Programme, RejectionReason
from assistance.domain.households.codes import HardshipLevel

PositiveFen = Annotated[int, Field(gt=0, description="金额（分，正整数）"), JSON_INTEGER]
Fen = Annotated[int, Field(ge=0, description="金额（分，非负整数）"), JSON_INTEGER]
Year = Annotated[int, Field(ge=2000, le=2100, description="年度"), JSON_INTEGER]


class Body(ApiModel):
    model_config = ConfigDict(extra="forbid")


class BudgetIn(Body):
    org_id: UUID = Field(description="预算所属组织")
    programme: Programme = Field(description="帮扶项目")
    year: Year
    amount_fen: Fen = Field(description="年度预算总额（分）；再次设置即改为新总额")


class BudgetOut(ApiModel):
    id: UUID
    org_id: UUID
    programme: str
    programme_label: str
    year: int
    amount_fen: int
    reserved_fen: int = Field(description="已审批待发放占用")
    paid_fen: int = Field(description="已发放")
    available_fen: int = Field(description="可用余额")
    version: int


class ApplicationIn(Body):
    programme: Programme = Field(description="帮扶项目（金秋助学以家长/户主名义申请）")
    household_id: UUID | None = Field(default=None, description="在档困难户")
    member_id: UUID | None = Field(default=None, description="会员（无档案时；有档案时须为户主）")
    requested_fen: PositiveFen
    submitted_on: BusinessDate | None = Field(
        default=None, description="申请日期（默认今天；补录往年申请时填写，不早于该户建档日期）"
    )
    reason: str | None = Field(
        default=None, max_length=1000, description="申请事由（加密保存，仅帮扶干部与管理员可见）"
    )


class DecisionNote(Body):
    reason: RejectionReason | None = Field(default=None, description="驳回原因（驳回时必填）")
    note: str | None = Field(default=None, max_length=1000, description="说明（仅本服务保存）")


class OpinionIn(DecisionNote):
    support: bool = Field(description="基层工会意见：同意 true / 不同意 false")
    opinion_on: BusinessDate | None = Field(
        default=None, description="意见日期（默认今天；补录时不早于申请日期）"
    )


class ReviewIn(DecisionNote):
    passed: bool = Field(description="街道/区审核：通过 true / 不通过 false")
    reviewed_on: BusinessDate | None = Field(
        default=None, description="审核日期（默认今天；补录时不早于基层工会意见日期）"
    )


class ApproveIn(Body):
    approved_fen: PositiveFen = Field(description="核定金额（分），不超过申请金额")
    budget_org_id: UUID = Field(description="支出预算的组织（申请人所属组织或其上级）")
    approved_on: BusinessDate | None = Field(
        default=None,
        description="审批日期（默认今天；补录往年审批时填写，占用该年度的预算，不早于审核日期）",
    )


class RejectIn(Body):
    reason: RejectionReason
    note: str | None = Field(default=None, max_length=1000, description="说明（仅本服务保存）")


class ApplicationOut(ApiModel):
    id: UUID
    programme: str
    programme_label: str
    org_id: UUID
    household_id: UUID | None
    member_id: UUID | None
    requested_fen: int
    status: str
    status_label: str
    next_step: str | None = Field(description="下一环节；已审批或未通过时为空")
    submitted_on: date
    submitted_by: str = Field(description="申请录入人（令牌主体）")
    entered_at: datetime = Field(description="申请录入时间")
    opinion_by: str | None
    opinion_on: date | None
    reviewed_by: str | None
    reviewed_on: date | None
    approved_by: str | None = Field(description="审批人（令牌主体，也是审批的录入人）")
    approved_on: date | None
    approved_entered_at: datetime | None = Field(description="审批录入时间")
    approved_fen: int | None
    budget_org_id: UUID | None
    rejected_step: str | None
    rejection_reason: str | None
    rejected_by: str | None
    rejected_on: date | None
    rejection_note: str | None = Field(description="驳回说明（仅帮扶干部与管理员可见）")
    reason: str | None = Field(default=None, description="申请事由（仅帮扶干部与管理员可见）")
    payment_id: UUID | None
    payment_status: str | None
    version: int


class DisburseIn(Body):
    method: PaymentMethod = Field(description="发放方式：现金、银行转账、实物")
    paid_on: BusinessDate | None = Field(
        default=None, description="发放日期（默认今天；补录时不早于审批日期）"
    )


class PaymentOut(ApiModel):
    id: UUID
    application_id: UUID | None
    batch_id: UUID | None
    org_id: UUID
    household_id: UUID | None
    member_id: UUID | None
    employer_id: UUID | None
    programme: str
    budget_org_id: UUID
    amount_fen: int
    status: str = Field(description="pending 待发放, paid 已发放, cancelled 已撤销")
    method: str | None
    created_on: date
    paid_on: date | None
    paid_by: str | None = Field(description="发放确认人（令牌主体，也是发放的录入人）")
    paid_entered_at: datetime | None = Field(description="发放录入时间")
    cancelled_on: date | None
    version: int


class SelectionIn(Body):
    org_id: UUID | None = Field(default=None, description="选取该组织（含下级）的在档困难户")
    levels: list[HardshipLevel] = Field(default_factory=list, description="只选这些困难类别")
    household_ids: list[UUID] = Field(
        default_factory=list, max_length=50_000, description="或列出困难户"
    )


class BatchIn(Body):
    programme: Programme
    year: Year
    budget_org_id: UUID = Field(description="支出预算的组织")
    amount_fen: PositiveFen = Field(description="每户金额（分）")
    method: PaymentMethod = PaymentMethod.CASH
    paid_on: BusinessDate | None = Field(default=None, description="发放日期（默认今天）")
    selection: SelectionIn


class BatchOut(ApiModel):
    id: UUID
    programme: str
    year: int
    budget_org_id: UUID
    amount_fen: int
    method: str
    paid_on: date
    selection_org_id: UUID | None
    selection_levels: list[str]
    listed: bool
    created_by: str
    created_on: date
    status: str = Field(description="running 发放中, completed 已完成")
    total: int
    paid: int
    skipped: int
    pending: int
    percent: float = Field(description="进度（%，一位小数）")
    paid_fen: int
    skipped_by_reason: dict[str, int]
    completed_at: datetime | None


class BatchItemOut(ApiModel):
    household_id: UUID
    position: int
    status: str = Field(description="pending 待发放, paid 已发放, skipped 未发放")
    skip_reason: str | None
    skip_label: str | None
    payment_id: UUID | None
    decided_at: datetime | None
