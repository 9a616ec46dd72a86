"""Request and response bodies of the REST API (the OpenAPI schemas)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import ConfigDict, Field, model_validator
from shared.http.fields import ApiModel, BusinessDate, Count, PositiveCount
from shared.registration_types import REGISTRATION_TYPES, RegistrationType, ownership_class

from membership.domain import (
    ContractKind,
    GrassrootsMode,
    HouseholdType,
    LeavingReason,
    OrganisationKind,
    Ownership,
    RetentionReason,
    SigningParty,
    TransferReason,
)


class Body(ApiModel):
    model_config = ConfigDict(extra="forbid")


class AdmitMemberIn(Body):
    name: str = Field(min_length=1, max_length=50, description="姓名")
    id_number: str = Field(min_length=15, max_length=18, description="居民身份证号 (18 位)")
    mobile: str | None = Field(default=None, description="手机号")
    household_type: HouseholdType = Field(description="户口性质: 农业户口 agricultural 计为农民工")
    employer_id: UUID
    union_id: UUID = Field(description="基层工会")
    joined_on: BusinessDate = Field(description="入会日期")
    card_number: str | None = Field(default=None, max_length=40, description="会员证号")


class MemberOut(ApiModel):
    id: UUID
    name: str
    id_number: str = Field(description="身份证号 (默认脱敏)")
    mobile: str | None
    sex: str
    birth_date: date
    household_type: str
    is_migrant_worker: bool
    employer_id: UUID
    union_id: UUID
    joined_on: date
    card_number: str | None
    status: str
    status_since: date
    union_since: date
    retention_reason: str | None
    leaving_reason: str | None
    version: int


class TransferIn(Body):
    to_union_id: UUID
    effective_on: BusinessDate
    reason: TransferReason
    new_employer_id: UUID | None = None
    note: str | None = Field(default=None, max_length=500)


class TransferOut(ApiModel):
    id: UUID
    member_id: UUID
    from_union_id: UUID
    to_union_id: UUID
    effective_on: date
    reason: str
    new_employer_id: UUID | None
    handled_by: str


class RetainIn(Body):
    reason: RetentionReason
    effective_on: BusinessDate


class ReinstateIn(Body):
    effective_on: BusinessDate


class LeaveIn(Body):
    reason: LeavingReason
    effective_on: BusinessDate


class FoundUnionIn(Body):
    kind: OrganisationKind
    name: str = Field(min_length=1, max_length=100)
    parent_id: UUID | None = None
    founded_on: BusinessDate
    grassroots_mode: GrassrootsMode | None = None
    has_legal_person: bool = False


class RenameIn(Body):
    name: str = Field(min_length=1, max_length=100)
    renamed_on: BusinessDate


class ReelectIn(Body):
    term_start: BusinessDate
    term_end: BusinessDate
    chair_name: str = Field(min_length=1, max_length=50)


class MoveIn(Body):
    new_parent_id: UUID
    moved_on: BusinessDate


class DissolveIn(Body):
    dissolved_on: BusinessDate


class OrganisationOut(ApiModel):
    id: UUID
    kind: str
    name: str
    parent_id: UUID | None
    grassroots_mode: str | None
    founded_on: date
    status: str
    dissolved_on: date | None
    term_start: date | None
    term_end: date | None
    has_legal_person: bool
    depth: int
    version: int


class CensusIn(Body):
    workers: Count = Field(description="职工人数")
    women: Count | None = Field(default=None, description="其中女职工; 不详时为 null (不是 0)")
    migrant_workers: Count | None = Field(
        default=None, description="其中农民工; 不详时为 null (不是 0)"
    )
    effective_on: BusinessDate


class RegisterEmployerIn(Body):
    uscc: str = Field(min_length=18, max_length=18, description="统一社会信用代码")
    name: str = Field(min_length=1, max_length=200)
    registration_type: RegistrationType | None = Field(
        default=None,
        description="登记注册类型代码 (国家统计局分类), 如 110、159、310; 非企业如 social_group",
    )
    ownership: Ownership | None = Field(
        default=None,
        json_schema_extra={"deprecated": True},  # not Field(deprecated=): it warns on each read
        description="旧的所有制分类, 仅为兼容保留 (joint_venture 记为待核实的合资); 请用 registration_type",
    )
    industry: str = Field(min_length=1, max_length=100)
    territory_org_id: UUID = Field(description="属地工会组织")
    registered_on: BusinessDate | None = Field(
        default=None, description="登记日期, 默认今天; 可补录往年, 不早于属地工会成立日期"
    )
    census: CensusIn | None = None


class ReclassifyEmployerIn(Body):
    registration_type: str = Field(
        min_length=1, max_length=40, description="更正后的登记注册类型代码"
    )


class CoverageIn(Body):
    union_id: UUID | None = Field(description="覆盖该单位的基层工会; null 表示不再覆盖")
    effective_on: BusinessDate


class EmployerOut(ApiModel):
    @model_validator(mode="before")
    @classmethod
    def _classified(cls, data: Any) -> Any:
        """The label and class of a row's registration type, from the code table."""
        if isinstance(data, dict) and "registration_type" in data:
            code = data["registration_type"]
            data = {**data, "registration_type_label": REGISTRATION_TYPES[code]}
            data["ownership_class"] = ownership_class(code)
        return data

    id: UUID
    uscc: str
    name: str
    registration_type: str = Field(description="登记注册类型代码")
    registration_type_label: str = Field(description="登记注册类型名称")
    ownership_class: str = Field(description="报表分组的所有制类别")
    industry: str
    territory_org_id: UUID
    registered_on: date
    entered_by: str | None = Field(description="录入人")
    entered_at: datetime = Field(description="录入时间")
    workers: int
    women: int | None
    migrant_workers: int | None
    census_on: date | None
    covered_by_union_id: UUID | None
    coverage_mode: str | None
    coverage_changed_on: date | None
    version: int


class SignContractIn(Body):
    kind: ContractKind
    signing_party: SigningParty = Field(
        default=SigningParty.OWN_UNION,
        description="签约方: 本单位工会 own_union, 区域性 regional_union, 行业性 industry_union",
    )
    union_id: UUID
    employer_ids: list[UUID] = Field(min_length=1)
    workers_covered: PositiveCount
    signed_on: BusinessDate
    starts_on: BusinessDate
    ends_on: BusinessDate


class TerminateIn(Body):
    terminated_on: BusinessDate


class ContractOut(ApiModel):
    id: UUID
    kind: str
    signing_party: str = Field(description="签约方")
    union_id: UUID
    employer_ids: list[UUID]
    workers_covered: int
    signed_on: date
    starts_on: date
    ends_on: date
    status: str
    terminated_on: date | None
    version: int
