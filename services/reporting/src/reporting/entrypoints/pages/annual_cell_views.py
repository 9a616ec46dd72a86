"""The HTML of one annual report cell's drill-down: the facts it counts, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from uuid import UUID

from reporting.adapters.queries.annual_facts import Fact, FactPage
from reporting.domain.annual_report import AnnualCell, AnnualTable
from reporting.entrypoints.pages.annual_reading import ANNUAL_PAGE, Asked
from reporting.entrypoints.pages.annual_views import heading_path

FACT_KINDS = {
    "organisation": "工会组织", "committee": "工会委员会", "employer": "单位",
    "contract": "集体合同", "member": "会员", "payment": "帮扶发放", "person": "受助或受访职工",
    "visit": "走访慰问", "case": "争议案件", "contact": "咨询接待", "legal_aid": "法律援助",
    "class": "培训班", "enrolment": "入班学员", "certificate": "证书", "placement": "就业安置",
}  # fmt: skip
"""The Chinese name of each kind of fact the API lists (``FactView.kind``)."""


@dataclass(frozen=True)
class CellView:
    """One page of a cell's facts, with what it needs to name the cell and page on."""

    org_id: UUID
    name: str
    asked: Asked
    table: AnnualTable
    cell: AnnualCell
    page: FactPage
    names: dict[UUID, str]
    limit: int
    cursor: UUID | None


def cell_body(view: CellView) -> str:
    """The way back, the cell named in words, its figure, the facts and the next page."""
    table, cell, page = view.table, view.cell, view.page
    back = f"{ANNUAL_PAGE}?{view.asked.query(view.org_id)}"
    row = heading_path(table.rows, cell.row)
    column = heading_path(table.columns, cell.column)
    figure = page.total if cell.indicator.kind == "count" else page.value_sum
    return (
        f'<nav class="crumbs" aria-label="返回"><a href="{escape(back)}">‹ 返回年报</a></nav>'
        f'<section class="panel breakdown annual-facts" data-table="{table.code}"'
        f' data-cell="{escape(cell.key)}">'
        f"<h2>{escape(view.name)} {view.asked.year}年 {escape(table.form_number)}"
        f" {escape(table.title)}</h2>"
        f'<p>行：{escape(row)}；列：{escape(column)}；单元格数值 <strong class="figure">{figure}'
        f'</strong>（截至 {view.asked.window[1]}），共 <strong class="total">{page.total}</strong>'
        f" 条明细，本页 {len(page.facts)} 条。</p>"
        f'<div class="scroll">{_facts_table(view)}</div>{_paging(view)}</section>'
    )


def _facts_table(view: CellView) -> str:
    summed = view.cell.indicator.kind == "sum"
    headers = ["序号", "类别", "编号", "计入日期", "计入组织", *(["数值"] if summed else [])]
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    rows = "".join(
        _fact_row(view, position, fact, summed)
        for position, fact in enumerate(view.page.facts, start=1)
    )
    if not view.page.facts:
        rows = f'<tr><td colspan="{len(headers)}">没有计入此单元格的明细。</td></tr>'
    return (
        f'<table class="figures facts"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def _fact_row(view: CellView, position: int, fact: Fact, summed: bool) -> str:
    organisation = view.names.get(fact.org_id, str(fact.org_id))
    cells = [str(position), FACT_KINDS.get(fact.kind, fact.kind), str(fact.id),
             fact.on.isoformat(), organisation]  # fmt: skip
    if summed:
        cells.append("" if fact.value is None else str(fact.value))
    return f'<tr data-fact="{fact.id}">' + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"


def _paging(view: CellView) -> str:
    """下一页 while there is one, and the first page once past it."""
    here = f"{ANNUAL_PAGE}/{view.table.code}/cells/{view.cell.key}"
    links = []
    if view.cursor is not None:
        first = view.asked.query(view.org_id, limit=str(view.limit))
        links.append(f'<a href="{escape(here)}?{escape(first)}">第一页</a>')
    if view.page.next_cursor is not None:
        query = view.asked.query(view.org_id, limit=str(view.limit),
                                 cursor=str(view.page.next_cursor))  # fmt: skip
        links.append(f'<a rel="next" href="{escape(here)}?{escape(query)}">下一页</a>')
    if not links:
        return ""
    return f'<nav class="note paging" aria-label="翻页">{" · ".join(links)}</nav>'
