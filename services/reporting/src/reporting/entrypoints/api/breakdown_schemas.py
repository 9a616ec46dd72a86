"""Response body of the breakdowns route (工会统计年报分项)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from uuid import UUID

from pydantic import Field
from shared.http.fields import ApiModel

from reporting.domain.breakdowns import Breakdowns
from reporting.domain.own_level import Scope


class OrganisationCountsView(ApiModel):
    total: int = Field(
        description="统计日存在的组织数（含本组织；已注销、尚未成立的不计；仅本级时为本组织）"
    )
    by_kind: dict[str, int] = Field(
        description="按组织类别: grassroots_union 基层工会, industry_federation 行业工会联合会, "
        "village_federation 村级工会联合会, street_federation 街道/乡镇总工会 …"
    )
    grassroots_by_mode: dict[str, int] = Field(
        description="基层工会按建会方式: single 独立建会, joint 联合基层工会"
        "（unknown: 模式未投影的旧数据，重建后消失）"
    )


class CommitteesView(ApiModel):
    committees: int = Field(description="统计日在任的工会委员会数")
    members: int = Field(description="委员总人数")
    by_role: dict[str, int] = Field(
        description="按职务: chair 主席, vice_chair 副主席, member 委员, audit 经费审查委员, "
        "women 女职工委员"
    )
    women: int = Field(description="其中女性委员（登记了性别的委员中）")
    sex_recorded: int = Field(description="登记了性别的委员人数")
    full_time: int = Field(description="其中专职")


class PartyView(ApiModel):
    contracts: int = Field(description="集体合同数")
    employers_covered: int = Field(description="覆盖单位数")
    workers_covered: int = Field(description="覆盖职工数")


class BreakdownsView(ApiModel):
    org_id: UUID
    scope: Scope = Field(description="subtree 含下级，self 仅本级")
    date_from: date = Field(description="期间开始日")
    stock_date: date = Field(description="存量指标的统计日（期间末或截至日）")
    organisations: OrganisationCountsView
    committees: CommitteesView
    contracts_in_force: dict[str, PartyView] = Field(
        description="统计日有效的集体合同，按签约方: own_union 本单位工会, "
        "regional_union 区域性, industry_union 行业性"
    )
    contracts_signed: dict[str, PartyView] = Field(description="期间内签订的集体合同，按签约方")

    @classmethod
    def of(cls, figures: Breakdowns, scope: Scope = "subtree") -> BreakdownsView:
        return cls.model_validate({**asdict(figures), "scope": scope})
