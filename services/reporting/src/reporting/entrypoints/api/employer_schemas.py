"""Response bodies of the employer breakdown route (``/api/v1/statistics/employers``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import Field
from shared.http.fields import ApiModel

from reporting.domain.employer_breakdown import Breakdown, EmployerFigures, EmployerScope, Group
from reporting.domain.own_level import Scope


class EmployerFiguresView(ApiModel):
    employers: int = Field(description="单位数")
    workers: int = Field(description="职工数（排摸）")
    covered_employers: int = Field(description="已建会单位数")
    covered_workers: int = Field(description="已建会单位职工数")
    coverage_rate: Decimal | None = Field(description="建会率 %，一位小数；分母为 0 时为空")
    women_workers: int = Field(description="女职工（已知人数之和）")
    women_unknown: int = Field(description="女职工人数不详的单位数")
    migrant_workers: int = Field(description="农民工（已知人数之和）")
    migrant_unknown: int = Field(description="农民工人数不详的单位数")

    @classmethod
    def of(cls, figures: EmployerFigures) -> EmployerFiguresView:
        return cls(**vars(figures), coverage_rate=figures.coverage_rate)


class EmployerGroupView(EmployerFiguresView):
    key: str = Field(description="类别代码或规模段序号；unknown 为未分类或未排摸")
    label: str = Field(description="类别或规模段名称")

    @classmethod
    def of_group(cls, group: Group) -> EmployerGroupView:
        figures = group.figures
        return cls(
            key=group.key, label=group.label, **vars(figures), coverage_rate=figures.coverage_rate
        )


class EmployerBreakdownView(ApiModel):
    org_id: UUID
    stock_date: date = Field(description="统计日（期间末或截至日）")
    breakdown: Breakdown = Field(description="分组方式：ownership_class 所有制类别，size_band 规模")
    employer_scope: EmployerScope = Field(description="单位范围：all 全部，enterprises 企业")
    scope: Scope = Field(description="subtree 含下级，self 仅本级（属地为本组织自身的单位）")
    size_bands: list[int] = Field(description="规模段下限（首段之后），按职工数")
    groups: list[EmployerGroupView] = Field(description="每组一行，空组也列出")
    total: EmployerFiguresView = Field(description="所选范围合计")
    all_employers: EmployerFiguresView = Field(description="全部单位合计（默认口径，便于对照）")
