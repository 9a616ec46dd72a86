"""Response bodies of the statistics routes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import Field
from shared.http.fields import ApiModel

from reporting.domain.figures import Indicators


class StockView(ApiModel):
    employers: int = Field(description="单位数")
    workers: int = Field(description="职工数（排摸）")
    women_workers: int = Field(description="其中女职工（已知人数之和）")
    women_unknown: int = Field(description="女职工人数不详的单位数（未计为 0）")
    migrant_workers: int = Field(description="其中农民工（已知人数之和）")
    migrant_unknown: int = Field(description="农民工人数不详的单位数（未计为 0）")
    covered_employers: int = Field(description="已建会单位数")
    coverage_rate: Decimal | None = Field(description="建会率 %，一位小数；分母为 0 时为空")
    active_members: int = Field(description="会员数（在籍）")
    retained_members: int = Field(description="保留会籍人数")
    membership_rate: Decimal | None = Field(description="入会率 %，一位小数；分母为 0 时为空")


class FlowsView(ApiModel):
    unions_founded: int = Field(description="新建基层工会数")
    members_admitted: int = Field(description="新发展会员数")
    admitted_migrant: int = Field(description="其中农民工")
    admitted_female: int = Field(description="其中女")
    transfers_in: int = Field(description="会籍转入")
    transfers_out: int = Field(description="会籍转出")
    members_left: int = Field(description="退会")


class ContractView(ApiModel):
    in_force: int = Field(description="截至统计日有效的集体合同数")
    employers_covered: int = Field(description="覆盖单位数")
    workers_covered: int = Field(description="覆盖职工数")
    signed_in_period: int = Field(description="期间内签订数")


class IndicatorsView(ApiModel):
    org_id: UUID
    name: str | None = Field(description="组织在统计日的名称")
    date_from: date = Field(description="期间开始日")
    stock_date: date = Field(description="存量指标的统计日（期间末或截至日）")
    stock: StockView
    flows: FlowsView
    contracts: dict[str, ContractView] = Field(description="按合同种类：comprehensive, wage, women")

    @classmethod
    def of(cls, figures: Indicators) -> IndicatorsView:
        stock = figures.stock
        return cls(
            org_id=figures.org_id,
            name=figures.name,
            date_from=figures.date_from,
            stock_date=figures.stock_date,
            stock=StockView(
                **vars(stock),
                coverage_rate=stock.coverage_rate,
                membership_rate=stock.membership_rate,
            ),
            flows=FlowsView(**vars(figures.flows)),
            contracts={kind: ContractView(**vars(c)) for kind, c in figures.contracts.items()},
        )


class BreakdownView(ApiModel):
    children: list[IndicatorsView] = Field(description="每个下级组织一行（按统计日的隶属关系）")
    self_only: IndicatorsView = Field(
        description="本级：直接记在本组织的数据，不含任何下级；下级各行加本级等于合计"
        "（下级之间的会籍接转在各行分别计入转出、转入，合计不计）"
    )
    total: IndicatorsView = Field(description="本组织合计（含全部下级）")
