"""The HTML of the breakdowns dashboard: a section per breakdown (bar chart, table, exports),
the 含下级/本级 toggle, and the children with their headline counts, each drilling down."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode
from uuid import UUID

from reporting.domain.breakdown_tables import TABLE_NAMES, TableName, breakdown_table
from reporting.domain.report_table import TOTAL_LABEL, Cell, ReportTable
from reporting.entrypoints.pages.breakdown_charts import bar_chart
from reporting.entrypoints.pages.drill import Shown, breadcrumb
from reporting.entrypoints.pages.figures import PickerEntry
from reporting.entrypoints.pages.views import picker_form

BREAKDOWNS_PAGE = "/dashboard/breakdowns"
BREAKDOWN_EXPORT_PATH = "/api/v1/statistics/breakdowns/export"
Rows = tuple[tuple[Cell, ...], ...]
_UNITS = {"ownership_class": "家", "size_band": "家", "organisations": "个",
          "committees": "人", "contracts": "份"}  # fmt: skip
CHILD_HEADERS = ("单位数", "已建会单位数", "建会率(%)", "工会组织数", "在任委员会", "在执行合同")


@dataclass(frozen=True)
class ChildCounts:
    """A child's headline counts on the stock date, with its subtree."""

    org_id: UUID
    name: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class BreakdownDashboard:
    """Everything one breakdowns page shows."""

    org_id: UUID
    name: str
    period: str
    window: tuple[date, date]
    last_day: date
    own_only: bool
    picker: list[PickerEntry]
    tables: dict[TableName, Rows]
    children: list[ChildCounts]
    today: date
    trail: list[tuple[UUID, str]]
    as_of: date | None = None

    @property
    def shown(self) -> Shown:
        return Shown(BREAKDOWNS_PAGE, self.org_id, self.period, self.as_of)

    def query(self, **extra: str) -> str:
        """The page's organisation, period, as-of date and scope, plus ``extra``."""
        query = {"org_id": str(self.org_id), "period": self.period}
        if self.as_of is not None:
            query["as_of"] = self.as_of.isoformat()
        if self.own_only:
            query["scope"] = "self"
        return urlencode({**query, **extra})


def breakdowns_body(view: BreakdownDashboard) -> str:
    """Pickers, breadcrumb, the scope toggle, a section per breakdown, then the children."""
    first, stock_date = view.window
    scope = "仅本级" if view.own_only else "含全部下级"
    sections = "".join(_section(view, name) for name in view.tables)
    return (
        _pickers(view)
        + breadcrumb(view.shown, view.trail)
        + f'<h2 style="font-size:16px;margin:0 0 8px">{escape(view.name)} 分项统计 <small'
        f' style="font-weight:400;color:#52606d">统计期间 {first} 至 {stock_date}（存量统计日'
        f" {stock_date}），{scope}</small></h2>"
        + _toggle(view)
        + f'<div class="charts">{sections}</div>'
        + ("" if view.own_only else _children(view))
    )


def _pickers(view: BreakdownDashboard) -> str:
    query = escape(urlencode({"org_id": str(view.org_id), "period": view.period}))
    links = f'<a href="/dashboard?{query}">会籍统计</a>'
    links += f'<a href="/dashboard/annual-report?{query}">年报</a>'
    return picker_form(view.picker, view.org_id, view.name, view.period, view.today,
                       BREAKDOWNS_PAGE, links)  # fmt: skip


def _toggle(view: BreakdownDashboard) -> str:
    """含下级 and 本级 as two links, the one shown marked current."""
    base = {"org_id": str(view.org_id), "period": view.period}
    if view.as_of is not None:
        base["as_of"] = view.as_of.isoformat()
    links = []
    for own, label in ((False, "含下级"), (True, "本级")):
        href = f"{BREAKDOWNS_PAGE}?{urlencode({**base, **({'scope': 'self'} if own else {})})}"
        current = ' aria-current="true" class="current"' if own == view.own_only else ""
        links.append(f'<a href="{escape(href)}"{current}>{label}</a>')
    return f'<nav class="panel scope-toggle" aria-label="统计范围">{" | ".join(links)}</nav>'


def _section(view: BreakdownDashboard, name: TableName) -> str:
    rows = view.tables[name]
    table = breakdown_table(name, view.name, view.window, view.last_day, rows, view.own_only)
    exports = "".join(
        f'<a href="{BREAKDOWN_EXPORT_PATH}?{escape(view.query(breakdown=name, format=kind))}">'
        f"导出 {kind.upper()}</a> "
        for kind in ("csv", "xlsx")
    )
    chart = bar_chart(f"breakdown-chart {name}", TABLE_NAMES[name], _bars(name, rows), _UNITS[name])
    return (
        f'<section class="panel breakdown-section" data-breakdown="{name}">'
        f"<h2>{escape(TABLE_NAMES[name])}</h2>{chart}{_table(table)}"
        f'<p class="note">{exports}</p></section>'
    )


def _bars(name: TableName, rows: Rows) -> list[tuple[str, int]]:
    """What the chart draws: each row but 合计 and 组织总数, by its first count."""
    if name == "committees":
        rows = tuple(row for row in rows if str(row[0]).startswith("其中"))
    return [
        (str(row[0]), int(row[1]))
        for row in rows
        if row[0] not in (TOTAL_LABEL, "组织总数") and isinstance(row[1], int)
    ]


def _table(table: ReportTable) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
    body = "".join(_row(row) for row in table.rows)
    return (
        '<div class="scroll"><table class="figures">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _row(row: tuple[Cell, ...]) -> str:
    total = ' class="total"' if row[0] in (TOTAL_LABEL, "组织总数") else ""
    return f"<tr{total}>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>"


def _children(view: BreakdownDashboard) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in ("下级组织", *CHILD_HEADERS))
    body = "".join(_child_row(view.shown, child) for child in view.children)
    if not view.children:
        body = f'<tr><td colspan="{len(CHILD_HEADERS) + 1}">无下级组织</td></tr>'
    return (
        '<section class="panel breakdown"><h2>下级组织</h2><div class="scroll">'
        f'<table class="figures"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        '</div><p class="note">点击下级组织名称查看其分项统计（含其下级）。</p></section>'
    )


def _child_row(shown: Shown, child: ChildCounts) -> str:
    link = f'<a class="drill" href="{escape(shown.link(child.org_id))}">{escape(child.name)}</a>'
    cells: Sequence[Cell] = child.cells
    return (
        f'<tr class="child" data-org-id="{child.org_id}"><td>{link}</td>'
        + "".join(f"<td>{escape(str(cell))}</td>" for cell in cells)
        + "</tr>"
    )
