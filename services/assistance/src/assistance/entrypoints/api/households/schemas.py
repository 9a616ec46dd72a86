"""Request and response bodies of the hardship-file API (the OpenAPI schemas).

Amounts are integer fen: a fractional, negative or quoted amount is refused (strict ints).
Names, ID numbers, phones and addresses come back masked unless revealed.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from pydantic import ConfigDict, Field
from shared.http.fields import JSON_INTEGER, ApiModel, BusinessDate

from assistance.domain.households.codes import (
    CancellationReason,
    ExitReason,
    HardshipCause,
    HardshipLevel,
    HouseholdStatus,
    Relation,
    ReviewFlag,
)

IncomeFen = Annotated[
    int, Field(ge=0, description="家庭月人均收入（分，整数）", examples=[98000]), JSON_INTEGER
]


class Body(ApiModel):
    model_config = ConfigDict(extra="forbid")


class HeadIn(Body):
    name: str = Field(max_length=50, description="户主姓名")
    id_number: str = Field(max_length=20, description="户主居民身份证号（18 位，校验位有效）")
    member_id: UUID | None = Field(default=None, description="户主的会员 ID（须为在会会员）")
    phone: str | None = Field(default=None, max_length=20, description="联系电话（手机号）")
    address: str | None = Field(default=None, max_length=200, description="家庭住址")


class RelativeIn(Body):
    relation: Relation = Field(description="与户主关系")
    name: str = Field(max_length=50, description="姓名")
    id_number: str | None = Field(default=None, max_length=20, description="身份证号（可空）")


class OpenHouseholdIn(Body):
    head: HeadIn
    family: list[RelativeIn] = Field(default_factory=list, max_length=20, description="家庭成员")
    level: HardshipLevel = Field(
        description="困难类别: 深度困难 deep, 相对困难 relative, 意外致困 accident"
    )
    causes: list[HardshipCause] = Field(min_length=1, description="致困原因（至少一项）")
    monthly_income_per_capita_fen: IncomeFen
    temporary: bool = Field(default=False, description="临时救助档案")
    org_id: UUID | None = Field(default=None, description="建档组织（户主不是会员时必填）")


class EditHouseholdIn(Body):
    head: HeadIn | None = None
    family: list[RelativeIn] | None = Field(default=None, max_length=20)
    level: HardshipLevel | None = None
    causes: list[HardshipCause] | None = Field(default=None, min_length=1)
    monthly_income_per_capita_fen: IncomeFen | None = None
    temporary: bool | None = None
    org_id: UUID | None = None


class EffectiveIn(Body):
    effective_on: BusinessDate | None = Field(
        default=None,
        description="生效日期（默认今天；补录纸质档案时填写原日期，不得晚于今天）",
    )


class ReturnIn(Body):
    note: str = Field(max_length=500, description="退回说明：需补充的材料")


class ReverifyIn(EffectiveIn):
    level: HardshipLevel = Field(description="复核后的困难类别")
    monthly_income_per_capita_fen: IncomeFen
    causes: list[HardshipCause] | None = Field(default=None, min_length=1)


class ExitIn(EffectiveIn):
    reason: ExitReason = Field(description="脱困原因")


class CancelIn(EffectiveIn):
    reason: CancellationReason = Field(description="注销原因")


class HeadOut(ApiModel):
    member_id: UUID | None
    name: str = Field(description="姓名（默认脱敏）")
    id_number: str = Field(description="身份证号（默认脱敏）")
    phone: str | None
    address: str | None


class RelativeOut(ApiModel):
    relation: str
    name: str
    id_number: str | None


class HouseholdOut(ApiModel):
    id: UUID
    org_id: UUID
    employer_id: UUID | None
    status: HouseholdStatus
    level: HardshipLevel
    causes: list[str]
    monthly_income_per_capita_fen: int
    temporary: bool
    head: HeadOut
    family: list[RelativeOut]
    family_size: int
    created_on: date
    filed_on: date | None
    last_verified_on: date | None
    review_due_on: date | None = Field(description="下次年度复核截止日")
    overdue_review: bool = Field(description="超过 12 个月未复核")
    needs_review: bool = Field(description="存在待复核标记")
    flags: list[ReviewFlag]
    closed_on: date | None
    close_reason: str | None
    return_note: str | None
    revealed: bool = Field(description="是否显示了完整个人信息（已记入访问日志）")
    version: int
