"""Membership integration contracts (组织建设与会籍管理): what the membership service publishes.

Every event carries ``org_id`` — the organisation whose subtree the fact counts toward — and
``occurred_on``, the business date it takes effect, so the reporting service can roll figures
up the organisation tree as of any date. Events carry pseudonymous ids (UUIDs), codes, dates
and counts only: never a person's name, ID number, mobile or card number. Organisation names
are public (they hang on the door) and travel with founding and renaming; employer names
travel from ``membership.employer.registered`` v2 on, except an individual business's
(个体工商户), which is often named after its owner.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID

from pydantic import ConfigDict, Field

from shared.contracts.registry import IntegrationEvent, registry
from shared.registration_types import FROM_OWNERSHIP, ownership_class

OrganisationKind = Literal[
    "city_federation",
    "district_federation",
    "street_federation",
    "community_federation",
    "building_federation",
    "industry_federation",
    "village_federation",
    "market_union",
    "grassroots_union",
    "union_group",
]
GrassrootsMode = Literal["single", "joint"]
Ownership = Literal[
    "state",
    "collective",
    "private",
    "foreign",
    "hk_macao_taiwan",
    "joint_venture",
    "public_institution",
    "social_organisation",
    "individual_business",
]
Sex = Literal["male", "female"]
TransferReason = Literal["job_change", "employer_restructured", "relocation", "other"]
RetentionReason = Literal["retired", "laid_off"]
LeavingReason = Literal["voluntary", "expelled"]
ContractKind = Literal["comprehensive", "wage", "women"]
SigningParty = Literal["own_union", "regional_union", "industry_union"]
CommitteeRole = Literal["chair", "vice_chair", "member", "audit", "women"]


class MembershipEvent(IntegrationEvent):
    """Fields every membership event carries (abstract: not registered itself)."""

    org_id: UUID = Field(description="organisation whose subtree the fact counts toward")
    occurred_on: date = Field(description="business date the fact takes effect")


@registry.register
class UnionFounded(MembershipEvent):
    event_type = "membership.union.founded"
    description = (
        "工会组织成立 / A union organisation was founded (org_id is the new organisation)."
    )

    parent_id: UUID | None = Field(description="parent organisation; null for the city root")
    kind: OrganisationKind
    grassroots_mode: GrassrootsMode | None = Field(
        default=None, description="独立建会 single or 联合基层工会 joint; grassroots unions only"
    )
    name: str = Field(description="the organisation's public name")


@registry.register
class UnionReelected(MembershipEvent):
    event_type = "membership.union.reelected"
    description = "工会换届 / A union committee was re-elected for a new term."

    term_start: date
    term_end: date


@registry.register
class CommitteeElected(MembershipEvent):
    event_type = "membership.union.committee_elected"
    description = (
        "工会委员会选举 / A union committee was elected (org_id is the union; occurred_on is the "
        "election date, possibly long past). Counts only: members' names stay in membership."
    )

    committee_id: UUID
    elected_on: date
    term_start: date = Field(description="任期开始日")
    term_end: date = Field(description="任期届满日（含）")
    size: int = Field(ge=1, description="委员人数")
    by_role: dict[CommitteeRole, int] = Field(
        description="按职务人数: 主席 chair, 副主席 vice_chair, 委员 member, 经费审查委员 audit, "
        "女职工委员 women"
    )
    women: int = Field(ge=0, description="其中女性（登记了性别的委员中）")
    sex_recorded: int = Field(ge=0, description="登记了性别的委员人数")
    full_time: int = Field(ge=0, description="其中专职")


@registry.register
class UnionRenamed(MembershipEvent):
    event_type = "membership.union.renamed"
    description = "工会组织更名 / A union organisation was renamed."

    name: str = Field(description="the organisation's new public name")


@registry.register
class UnionMoved(MembershipEvent):
    event_type = "membership.union.moved"
    description = "工会组织隶属关系变更（转出）/ A union organisation moved under another parent."

    old_parent_id: UUID
    new_parent_id: UUID


@registry.register
class UnionDissolved(MembershipEvent):
    event_type = "membership.union.dissolved"
    description = "工会组织注销 / A union organisation was dissolved."


@registry.register
class EmployerRegisteredV1(MembershipEvent):
    # Version 1, kept for the events already published; decoded (upcast) as EmployerRegistered.
    # No docstring: it would become the description of the committed v1 schema.
    model_config = ConfigDict(title="EmployerRegistered")  # the committed v1 schema's title

    event_type = "membership.employer.registered"
    description = (
        "单位登记 / An employer was registered (org_id is its territory organisation, 属地)."
    )

    employer_id: UUID
    uscc: str = Field(description="统一社会信用代码, the employer's public registration code")
    ownership: Ownership
    industry: str = Field(description="industry code or label")


@registry.register
class EmployerRegistered(MembershipEvent):
    event_type = "membership.employer.registered"
    version = 2
    description = (
        "单位登记 / An employer was registered (org_id is its territory organisation, 属地; "
        "occurred_on the day it counts from, which may be in the past). v2 replaces the coarse "
        "ownership with the national 登记注册类型 code and its ownership class, and adds the "
        "employer's name."
    )

    employer_id: UUID
    uscc: str = Field(description="统一社会信用代码, the employer's public registration code")
    name: str | None = Field(
        default=None,
        description="单位名称; null for an individual business (个体工商户) and for v1 events",
    )
    registration_type: str = Field(
        description="登记注册类型: a code of shared.registration_types, e.g. 159 or social_group"
    )
    ownership_class: str = Field(description="the class a report groups the code under")
    industry: str = Field(description="industry code or label")


@registry.upcaster("membership.employer.registered", 1)
def _registered_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """The coarse ownership as the registration type standing for it (合资 left unresolved)."""
    code = FROM_OWNERSHIP[data.pop("ownership")]
    return {**data, "registration_type": code, "ownership_class": ownership_class(code)}


@registry.register
class EmployerReclassified(MembershipEvent):
    event_type = "membership.employer.reclassified"
    description = (
        "单位登记注册类型更正 / An employer's registration type was corrected; the correction "
        "holds for the employer's whole history (occurred_on is the day it was made)."
    )

    employer_id: UUID
    registration_type: str = Field(description="登记注册类型, the corrected code")
    ownership_class: str = Field(description="the class a report groups the code under")
    previous_registration_type: str


@registry.register
class EmployerCensusUpdatedV1(MembershipEvent):
    # Version 1, kept for the events already published; decoded (upcast) as
    # EmployerCensusUpdated. No docstring: it would become the v1 schema's description.
    model_config = ConfigDict(title="EmployerCensusUpdated")  # the committed v1 schema's title

    event_type = "membership.employer.census_updated"
    description = "单位职工排摸 / An employer's headcount census was updated."

    employer_id: UUID
    workers: int = Field(ge=0, description="职工人数")
    women: int = Field(ge=0, description="其中女职工")
    migrant_workers: int = Field(ge=0, description="其中农民工")


@registry.register
class EmployerCensusUpdated(MembershipEvent):
    event_type = "membership.employer.census_updated"
    version = 2
    description = (
        "单位职工排摸 / An employer's headcount census was updated. v2: women and migrant "
        "workers may be null, a count the census did not give (unknown, not zero)."
    )

    employer_id: UUID
    workers: int = Field(ge=0, description="职工人数")
    women: int | None = Field(ge=0, description="其中女职工; null when unknown")
    migrant_workers: int | None = Field(ge=0, description="其中农民工; null when unknown")


@registry.upcaster("membership.employer.census_updated", 1)
def _census_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Every v1 count was given: the data is unchanged."""
    return data


@registry.register
class EmployerCoverageChanged(MembershipEvent):
    event_type = "membership.employer.coverage_changed"
    description = "单位建会状态变更 / An employer became covered by a union, or ceased to be."

    employer_id: UUID
    covered_by_union_id: UUID | None = Field(description="the covering grassroots union, or null")
    coverage_mode: GrassrootsMode | None = Field(
        description="独立建会 single or via a 联合基层工会 joint union; null when not covered"
    )


@registry.register
class MemberAdmitted(MembershipEvent):
    event_type = "membership.member.admitted"
    description = (
        "会员入会 / A person joined a grassroots union (org_id); occurred_on is the join date. "
        "A re-admission after leaving is a new member_id."
    )

    member_id: UUID = Field(description="pseudonymous id of this membership period")
    employer_id: UUID
    sex: Sex
    birth_year: int
    is_migrant_worker: bool = Field(description="农民工 (agricultural household registration)")


@registry.register
class MemberTransferred(MembershipEvent):
    event_type = "membership.member.transferred"
    description = (
        "会籍接转 / A membership moved from one grassroots union to another "
        "(org_id is the new one)."
    )

    member_id: UUID
    transfer_id: UUID = Field(description="the hand-off record")
    from_union_id: UUID
    to_union_id: UUID
    employer_id: UUID = Field(description="the member's employer after the transfer")
    reason: TransferReason


@registry.register
class MemberRetained(MembershipEvent):
    event_type = "membership.member.retained"
    description = "保留会籍 / A member retired or was laid off and keeps a retained membership."

    member_id: UUID
    reason: RetentionReason


@registry.register
class MemberReinstated(MembershipEvent):
    event_type = "membership.member.reinstated"
    description = "恢复会籍 / A retained membership became active again."

    member_id: UUID


@registry.register
class MemberLeft(MembershipEvent):
    event_type = "membership.member.left"
    description = "退会或除名 / A member left the union voluntarily or was expelled."

    member_id: UUID
    reason: LeavingReason


class _ContractSignedFields(MembershipEvent):
    contract_id: UUID
    kind: ContractKind = Field(
        description=(
            "综合集体合同 comprehensive, 工资专项集体协议 wage, 女职工权益保护专项集体合同 women"
        )
    )
    employer_ids: list[UUID] = Field(min_length=1)
    employers_covered: int = Field(ge=1)
    workers_covered: int = Field(ge=1)
    starts_on: date
    ends_on: date


@registry.register
class ContractSignedV1(_ContractSignedFields):
    # Version 1, kept for the events already published; decoded (upcast) as ContractSigned.
    # No docstring: it would become the description of the committed v1 schema.
    model_config = ConfigDict(title="ContractSigned")  # the committed v1 schema's title

    event_type = "membership.contract.signed"
    description = (
        "集体合同签订 / A collective contract was signed by the union org_id; occurred_on is "
        "the signing date."
    )


@registry.register
class ContractSigned(_ContractSignedFields):
    event_type = "membership.contract.signed"
    version = 2
    description = (
        "集体合同签订 / A collective contract was signed by the union org_id; occurred_on is "
        "the signing date. v2 adds signing_party (required: a v1 consumer would not know it)."
    )

    signing_party: SigningParty = Field(
        description="签约方: 本单位工会 own_union, 区域性 regional_union, 行业性 industry_union"
    )


@registry.upcaster("membership.contract.signed", 1)
def _signed_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Every contract signed before the party was recorded was signed by the unit's own union."""
    return {**data, "signing_party": "own_union"}


@registry.register
class ContractTerminated(MembershipEvent):
    event_type = "membership.contract.terminated"
    description = "集体合同提前终止 / A collective contract ended before its term."

    contract_id: UUID


MEMBERSHIP_CONTRACTS: tuple[type[MembershipEvent], ...] = (
    UnionFounded,
    UnionReelected,
    CommitteeElected,
    UnionRenamed,
    UnionMoved,
    UnionDissolved,
    EmployerRegisteredV1,
    EmployerRegistered,
    EmployerReclassified,
    EmployerCensusUpdatedV1,
    EmployerCensusUpdated,
    EmployerCoverageChanged,
    MemberAdmitted,
    MemberTransferred,
    MemberRetained,
    MemberReinstated,
    MemberLeft,
    ContractSigned,
    ContractTerminated,
)
"""Every membership contract published now (the newest version of each), in catalogue order."""
