"""The HTML of the login page and of the dashboard (pickers, headline cards, charts, exports)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode
from uuid import UUID

from reporting.domain.figures import Indicators, Stock
from reporting.domain.own_level import membership_footing
from reporting.entrypoints.pages.breakdown import breakdown_table, footing_notes
from reporting.entrypoints.pages.charts import rate_text, rates_chart, trend_chart
from reporting.entrypoints.pages.drill import Shown, breadcrumb
from reporting.entrypoints.pages.figures import MonthPoint, PickerEntry

SPANS = [("", "全年"), ("H1", "上半年"), ("H2", "下半年")]
SPANS += [(f"Q{q}", f"第{'一二三四'[q - 1]}季度") for q in range(1, 5)]
SPANS += [(f"-{m:02d}", f"{m}月") for m in range(1, 13)]
EXPORT_PATH = "/api/v1/statistics/export"
ASSISTANCE_PAGE = "/dashboard/assistance"
TRAINING_PAGE = "/dashboard/training"


@dataclass(frozen=True)
class Dashboard:
    """Everything one dashboard page shows."""

    org_id: UUID
    period: str
    picker: list[PickerEntry]
    total: Indicators
    children: list[Indicators]
    trend: list[MonthPoint]
    today: date
    own: Indicators
    trail: list[tuple[UUID, str]]
    as_of: date | None = None

    @property
    def shown(self) -> Shown:
        return Shown("/dashboard", self.org_id, self.period, self.as_of)


def login_body(error: str | None = None, next_target: str = "") -> str:
    """The token form; the token goes in the POST body, never in the address."""
    message = f'<p class="error">{escape(error)}</p>' if error else ""
    return (
        '<div class="panel login"><h2>登录</h2>'
        "<p>请粘贴统一身份认证签发的令牌（JWT）。开发环境可在终端运行 <code>make token</code> 获取。</p>"
        f'{message}<form method="post" action="/login">'
        '<textarea name="token" required autocomplete="off" spellcheck="false"'
        ' placeholder="eyJ…"></textarea>'
        f'<input type="hidden" name="next" value="{escape(next_target)}">'
        '<button class="primary" type="submit">登录</button></form></div>'
    )


def dashboard_body(view: Dashboard) -> str:
    """Pickers, breadcrumb, headline cards, the two charts and the children table."""
    total = view.total
    title = escape(total.name or str(total.org_id))
    window = f"{total.date_from} 至 {total.stock_date}（存量统计日 {total.stock_date}）"
    return (
        _pickers(view)
        + breadcrumb(view.shown, view.trail)
        + f'<h2 style="font-size:16px;margin:0 0 8px">{title} <small style="font-weight:400;'
        f'color:#52606d">统计期间 {window}，含全部下级</small></h2>'
        + _cards(total)
        + '<div class="charts"><section class="panel"><h2>'
        + f"{view.period[:4]} 年各月会员数与新发展会员数</h2>"
        + trend_chart(view.trend)
        + '<p class="note">会员数为各月末在籍会员（不含保留会籍）。</p></section>'
        + '<section class="panel"><h2>下级组织建会率与入会率</h2>'
        + rates_chart(view.children)
        + '<p class="note">分母为 0 时比率无定义，显示为“—”。</p></section></div>'
        + _children_table(view)
    )


_CHILD_HEADERS = ("单位数", "职工数", "已建会单位数", "建会率", "会员数", "保留会籍", "入会率",
                  "新发展会员", "会籍转入", "会籍转出", "退会")  # fmt: skip


def _child_cells(figures: Indicators) -> list[str]:
    stock, flows = figures.stock, figures.flows
    return [
        *(str(n) for n in (stock.employers, stock.workers, stock.covered_employers)),
        rate_text(stock.coverage_rate),
        str(stock.active_members), str(stock.retained_members), rate_text(stock.membership_rate),
        *(str(n) for n in (flows.members_admitted, flows.transfers_in, flows.transfers_out,
                           flows.members_left)),
    ]  # fmt: skip


def _children_table(view: Dashboard) -> str:
    notes = footing_notes(membership_footing(view.total, [*view.children, view.own]))
    rows = (view.children, view.own, view.total)
    return breakdown_table(view.shown, _CHILD_HEADERS, _child_cells, rows, notes)


def _pickers(view: Dashboard) -> str:
    links = "".join(
        f'<a href="{escape(_export_link(view, file_format))}">导出 {file_format.upper()}</a>'
        for file_format in ("csv", "xlsx")
    )
    assistance = urlencode({"org_id": str(view.org_id), "period": view.period})
    links += f'<a href="{escape(ASSISTANCE_PAGE)}?{escape(assistance)}">困难职工帮扶统计</a>'
    links += f'<a href="/dashboard/disputes?{escape(assistance)}">劳动争议调解统计</a>'
    links += f'<a href="{escape(TRAINING_PAGE)}?{escape(assistance)}">职工培训与就业统计</a>'
    links += f'<a href="/dashboard/breakdowns?{escape(assistance)}">分项统计</a>'
    links += f'<a href="/dashboard/annual-report?{escape(assistance)}">年报（工会统计年报）</a>'
    name = view.total.name or str(view.org_id)
    return picker_form(view.picker, view.org_id, name, view.period, view.today, "/dashboard", links)


def picker_form(
    picker: list[PickerEntry],
    org_id: UUID,
    org_name: str,
    period: str,
    today: date,
    action: str,
    links: str,
) -> str:
    """The organisation, year and period pickers submitting to ``action``, then ``links``."""
    options = "".join(
        f'<option value="{entry.org_id}"{_selected(entry.org_id == org_id)}>'
        f"{'　' * entry.depth}{escape(entry.name)}</option>"
        for entry in picker
    )
    if not any(entry.org_id == org_id for entry in picker):
        options = f'<option value="{org_id}" selected>{escape(org_name)}</option>' + options
    year, span = int(period[:4]), period[4:]
    years = sorted({*range(today.year - 5, today.year + 1), year}, reverse=True)
    year_options = "".join(f"<option{_selected(y == year)}>{y}</option>" for y in years)
    span_options = "".join(
        f'<option value="{value}"{_selected(value == span)}>{label}</option>'
        for value, label in SPANS
    )
    return (
        f'<form class="panel pickers" method="get" action="{escape(action)}">'
        f'<label>组织<select name="org_id">{options}</select></label>'
        f'<label>年度<select name="year">{year_options}</select></label>'
        f'<label>期间<select name="span">{span_options}</select></label>'
        '<button class="primary" type="submit">查询</button>'
        f'<span class="exports">{links}</span></form>'
    )


def _women_note(stock: Stock) -> str:
    """女职工 beside the workers; employers whose census did not give it are named, not zeros."""
    unknown = f"（{stock.women_unknown} 家单位不详）" if stock.women_unknown else ""
    return f"其中女职工 {stock.women_workers}{unknown}"


def _cards(figures: Indicators) -> str:
    stock, flows = figures.stock, figures.flows
    contracts = figures.contracts.values()
    in_force = sum(c.in_force for c in contracts)
    signed = sum(c.signed_in_period for c in contracts)
    workers_covered = sum(c.workers_covered for c in contracts)
    cards = [
        ("单位数", "stock.employers", str(stock.employers), ""),
        ("职工数", "stock.workers", str(stock.workers), _women_note(stock)),
        ("已建会单位数", "stock.covered_employers", str(stock.covered_employers), ""),
        ("建会率", "stock.coverage_rate", rate_text(stock.coverage_rate), "已建会单位 ÷ 单位数"),
        ("会员数", "stock.active_members", str(stock.active_members),
         f"保留会籍 {stock.retained_members}"),
        ("入会率", "stock.membership_rate", rate_text(stock.membership_rate), "会员数 ÷ 职工数"),
        ("新建工会数", "flows.unions_founded", str(flows.unions_founded), "基层工会"),
        ("新发展会员", "flows.members_admitted", str(flows.members_admitted), ""),
        ("其中农民工", "flows.admitted_migrant", str(flows.admitted_migrant), ""),
        ("其中女性", "flows.admitted_female", str(flows.admitted_female), ""),
        ("会籍转入", "flows.transfers_in", str(flows.transfers_in), ""),
        ("会籍转出", "flows.transfers_out", str(flows.transfers_out), ""),
        ("退会", "flows.members_left", str(flows.members_left), ""),
        ("集体合同（有效）", "contracts.in_force", str(in_force),
         f"期间签订 {signed} · 覆盖职工 {workers_covered}"),
    ]  # fmt: skip
    return (
        '<div class="cards">'
        + "".join(
            f'<div class="card" data-indicator="{key}"><div class="label">{label}</div>'
            f'<div class="value">{value}</div><div class="sub">{escape(sub)}</div></div>'
            for label, key, value, sub in cards
        )
        + "</div>"
    )


def _export_link(view: Dashboard, file_format: str) -> str:
    query = urlencode({"org_id": str(view.org_id), "period": view.period, "format": file_format})
    return f"{EXPORT_PATH}?{query}"


def _selected(chosen: bool) -> str:
    return " selected" if chosen else ""
