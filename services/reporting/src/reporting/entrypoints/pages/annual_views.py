"""The HTML of the annual report page: pickers (组织, 年度, 截至日), then each table in its
layout (表号, title, unit, grouped row and column headings), every count or sum cell a link to
the facts it counts, and the table's XLSX and CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode
from uuid import UUID

from reporting.domain.annual_report import AnnualTable, Heading, spans
from reporting.entrypoints.pages.annual_reading import ANNUAL_PAGE, Asked, FilledTable
from reporting.entrypoints.pages.drill import Shown, breadcrumb
from reporting.entrypoints.pages.figures import PickerEntry

ANNUAL_API = "/api/v1/annual-report"
UNDEFINED = "—"
_DASHBOARDS = (("/dashboard", "会籍统计"), ("/dashboard/assistance", "困难职工帮扶统计"),
               ("/dashboard/disputes", "劳动争议调解统计"),
               ("/dashboard/training", "职工培训与就业统计"), ("/dashboard/breakdowns", "分项统计"))  # fmt: skip


@dataclass(frozen=True)
class AnnualView:
    """Everything the annual report page shows."""

    org_id: UUID
    name: str
    asked: Asked
    picker: list[PickerEntry]
    trail: list[tuple[UUID, str]]
    tables: list[FilledTable]
    today: date
    children: list[tuple[UUID, str]]

    @property
    def shown(self) -> Shown:
        return Shown(ANNUAL_PAGE, self.org_id, str(self.asked.year), self.asked.as_of)


def annual_body(view: AnnualView) -> str:
    """Pickers, breadcrumb, the heading, the units below, then a card per table."""
    first, stock_date = view.asked.window
    cards = "".join(_card(view, filled) for filled in view.tables)
    if not view.tables:
        cards = '<section class="panel"><p>您的角色没有可查看的年报表。</p></section>'
    return (
        _pickers(view)
        + breadcrumb(view.shown, view.trail)
        + f'<h2 style="font-size:16px;margin:0 0 8px">{escape(view.name)} {view.asked.year}年'
        f' 工会统计年报 <small style="font-weight:400;color:#52606d">统计期间 {first} 至'
        f" {stock_date}（存量统计日 {stock_date}），含全部下级</small></h2>"
        + _children(view)
        + cards
    )


def _children(view: AnnualView) -> str:
    """The organisations right below, each opening its own annual report (same year, 截至日)."""
    if not view.children:
        return ""
    links = " · ".join(
        f'<a class="drill" href="{escape(view.shown.link(org))}">{escape(name)}</a>'
        for org, name in view.children
    )
    return f'<nav class="panel crumbs children" aria-label="下级组织">下级组织：{links}</nav>'


def _pickers(view: AnnualView) -> str:
    options = "".join(
        f'<option value="{entry.org_id}"{_selected(entry.org_id == view.org_id)}>'
        f"{'　' * entry.depth}{escape(entry.name)}</option>"
        for entry in view.picker
    )
    if not any(entry.org_id == view.org_id for entry in view.picker):
        options = f'<option value="{view.org_id}" selected>{escape(view.name)}</option>' + options
    year = view.asked.year
    years = sorted({*range(view.today.year - 5, view.today.year + 1), year}, reverse=True)
    year_options = "".join(f"<option{_selected(y == year)}>{y}</option>" for y in years)
    as_of = "" if view.asked.as_of is None else view.asked.as_of.isoformat()
    period = escape(urlencode({"org_id": str(view.org_id), "period": str(year)}))
    links = "".join(f'<a href="{path}?{period}">{label}</a>' for path, label in _DASHBOARDS)
    return (
        f'<form class="panel pickers" method="get" action="{ANNUAL_PAGE}">'
        f'<label>组织<select name="org_id">{options}</select></label>'
        f'<label>年度<select name="year">{year_options}</select></label>'
        f'<label>截至日（留空为年末）<input type="date" name="as_of" value="{as_of}"></label>'
        '<button class="primary" type="submit">查询</button>'
        f'<nav class="exports" aria-label="其他统计">{links}</nav></form>'
    )


def _card(view: AnnualView, filled: FilledTable) -> str:
    table = filled.table
    files = "".join(
        f'<a href="{ANNUAL_API}/{table.code}?{escape(view.asked.query(view.org_id, format=kind))}"'
        f' data-format="{kind}">下载 {kind.upper()}</a> '
        for kind in ("xlsx", "csv")
    )
    return (
        f'<section class="panel breakdown annual-table" data-table="{table.code}">'
        f"<h2>{escape(table.form_number)}　{escape(table.title)}</h2>"
        f'<p class="note">计量单位：{escape(table.unit)}。点击数字查看计入的明细；比率不可下钻。</p>'
        f'<div class="scroll">{_grid(view, filled)}</div><p class="note">{files}</p></section>'
    )


def _grid(view: AnnualView, filled: FilledTable) -> str:
    table = filled.table
    heads = 2 if any(row.group for row in table.rows) else 1
    body = "".join(
        f"<tr>{_row_heading(table, index, heads)}"
        + "".join(_cell(view, filled, row, column) for column in table.columns)
        + "</tr>"
        for index, row in enumerate(table.rows)
    )
    return f'<table class="figures"><thead>{_column_headings(table, heads)}</thead><tbody>{body}</tbody></table>'


def _column_headings(table: AnnualTable, heads: int) -> str:
    """项目 over the row headings; a column group over its columns, a column without one down
    both heading rows."""
    depth = 2 if any(column.group for column in table.columns) else 1
    top = f'<th colspan="{heads}" rowspan="{depth}" scope="col">项目</th>'
    below = ""
    for group, first, last in spans(table.columns):
        if group is None:
            top += f'<th rowspan="{depth}" scope="col">{escape(table.columns[first].label)}</th>'
            continue
        top += f'<th colspan="{last - first + 1}" scope="colgroup">{escape(group)}</th>'
        below += "".join(
            f'<th scope="col">{escape(c.label)}</th>' for c in table.columns[first : last + 1]
        )
    return f"<tr>{top}</tr>" + (f"<tr>{below}</tr>" if depth == 2 else "")


def _row_heading(table: AnnualTable, index: int, heads: int) -> str:
    """The row's heading; the first row of a group also opens the group's merged heading."""
    row = table.rows[index]
    if row.group is None:
        return f'<th colspan="{heads}" scope="row">{escape(row.label)}</th>'
    run = next((first, last) for group, first, last in spans(table.rows)
               if group == row.group and first <= index <= last)  # fmt: skip
    group = ""
    if run[0] == index:
        group = f'<th rowspan="{run[1] - run[0] + 1}" scope="rowgroup">{escape(row.group)}</th>'
    return f'{group}<th scope="row">{escape(row.label)}</th>'


def _cell(view: AnnualView, filled: FilledTable, row: Heading, column: Heading) -> str:
    cell = filled.table.at(row.key, column.key)
    if cell is None:
        return "<td></td>"
    value = filled.figures[cell.key]
    text = UNDEFINED if value is None else str(value)
    if cell.indicator.kind == "ratio":
        return f'<td data-cell="{escape(cell.key)}" data-kind="ratio">{text}</td>'
    query = view.asked.query(view.org_id)
    href = f"{ANNUAL_PAGE}/{filled.table.code}/cells/{cell.key}?{query}"
    return (
        f'<td data-cell="{escape(cell.key)}" data-kind="{cell.indicator.kind}">'
        f'<a href="{escape(href)}">{text}</a></td>'
    )


def _selected(chosen: bool) -> str:
    return " selected" if chosen else ""


def heading_path(headings: tuple[Heading, ...], key: str) -> str:
    """A heading's label with its group, and for a ``其中`` line the line it belongs to."""
    index = next(i for i, heading in enumerate(headings) if heading.key == key)
    heading = headings[index]
    label = heading.label
    if label.startswith("其中"):
        parent = next((h for h in reversed(headings[:index]) if not h.label.startswith("其中")),
                      None)  # fmt: skip
        label = label if parent is None else f"{parent.label} › {label}"
    return f"{heading.group} › {label}" if heading.group else label
