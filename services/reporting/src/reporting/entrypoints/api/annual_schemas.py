"""Response bodies of the annual report routes (工会统计年报)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import Field
from shared.http.fields import ApiModel

from reporting.adapters.queries.annual_facts import FactPage
from reporting.domain.annual_figures import Figure
from reporting.domain.annual_report import AnnualCell, AnnualTable, Heading


class HeadingView(ApiModel):
    key: str
    label: str
    group: str | None = Field(default=None, description="合并表头（跨相邻行或列）")

    @classmethod
    def of(cls, heading: Heading) -> HeadingView:
        return cls(key=heading.key, label=heading.label, group=heading.group)


class IndicatorView(ApiModel):
    source: str = Field(description="事实来源：employers、members、contracts_in_force、aid …")
    measure: str = Field(description="计数、求和的字段或比率")
    filters: dict[str, str | int] = Field(description="筛选条件，如 ownership_class: foreign")
    kind: str = Field(description="count 计数、sum 求和、ratio 比率（比率无事实清单）")


class CellView(ApiModel):
    key: str = Field(description="行.列，下钻路由的单元格名")
    row: str
    column: str
    indicator: IndicatorView
    value: int | Decimal | None = Field(description="数值；比率分母为 0 时为 null；金额为元")

    @classmethod
    def of(cls, cell: AnnualCell, value: Figure) -> CellView:
        indicator = cell.indicator
        return cls(
            key=cell.key, row=cell.row, column=cell.column, value=value,
            indicator=IndicatorView(source=indicator.source, measure=indicator.measure,
                                    filters=dict(indicator.filters), kind=indicator.kind),
        )  # fmt: skip


class TableSummaryView(ApiModel):
    code: str = Field(description="路由中的表名")
    form_number: str = Field(description="表号（平台自编）")
    title: str
    unit: str = Field(description="计量单位")


class TableView(TableSummaryView):
    org_id: UUID
    organisation: str
    year: int
    date_from: date
    stock_date: date = Field(description="存量统计日（默认年末）")
    rows: list[HeadingView]
    columns: list[HeadingView]
    cells: list[CellView]

    @classmethod
    def summary(cls, table: AnnualTable) -> TableSummaryView:
        return TableSummaryView(code=table.code, form_number=table.form_number,
                                title=table.title, unit=table.unit)  # fmt: skip


class TablesView(ApiModel):
    org_id: UUID
    year: int
    tables: list[TableSummaryView]


class FactView(ApiModel):
    id: UUID = Field(
        description="事实的编号（单位、组织、合同、会员、帮扶、走访、案件、培训等记录；不含姓名）"
    )
    kind: str = Field(
        description="organisation、committee、employer、contract、member、payment、person、visit、"
        "case、contact、legal_aid、class、enrolment、certificate、placement"
    )
    on: date = Field(description="计入的日期")
    org_id: UUID = Field(description="计入的组织")
    value: Decimal | None = Field(
        description="求和单元格中此事实的数值（人数、元）；计数单元格为 null"
    )


class FactsView(ApiModel):
    table: str
    cell: str
    total: int = Field(description="事实总数（各页合计）")
    value_sum: Decimal | None = Field(description="求和单元格中各事实数值之和，等于单元格数值")
    facts: list[FactView]
    next_cursor: UUID | None = Field(description="下一页的 cursor；没有下一页时为 null")

    @classmethod
    def of(cls, table: str, cell: str, page: FactPage) -> FactsView:
        return cls(
            table=table, cell=cell, total=page.total, value_sum=page.value_sum,
            facts=[FactView(id=f.id, kind=f.kind, on=f.on, org_id=f.org_id, value=f.value)
                   for f in page.facts],
            next_cursor=page.next_cursor,
        )  # fmt: skip
