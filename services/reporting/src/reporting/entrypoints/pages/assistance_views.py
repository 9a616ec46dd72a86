"""The HTML of the assistance dashboard: pickers, headline cards, aid charts, children table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode
from uuid import UUID

from reporting.domain.assistance_figures import AssistanceFigures, yuan_text
from reporting.domain.own_level import ASSISTANCE_MEASURES, footing
from reporting.entrypoints.pages.assistance_charts import MonthAid, monthly_chart, programme_chart
from reporting.entrypoints.pages.breakdown import breakdown_table, footing_notes
from reporting.entrypoints.pages.drill import Shown, breadcrumb
from reporting.entrypoints.pages.figures import PickerEntry
from reporting.entrypoints.pages.views import ASSISTANCE_PAGE, picker_form

ASSISTANCE_EXPORT_PATH = "/api/v1/statistics/assistance/export"


@dataclass(frozen=True)
class AssistanceDashboard:
    """Everything one assistance dashboard page shows."""

    org_id: UUID
    period: str
    picker: list[PickerEntry]
    total: AssistanceFigures
    children: list[AssistanceFigures]
    months: list[MonthAid]
    today: date
    own: AssistanceFigures
    trail: list[tuple[UUID, str]]
    as_of: date | None = None

    @property
    def shown(self) -> Shown:
        return Shown(ASSISTANCE_PAGE, self.org_id, self.period, self.as_of)


def assistance_body(view: AssistanceDashboard) -> str:
    """Pickers, headline cards, the two aid charts and the per-child table."""
    total = view.total
    title = escape(total.name or str(total.org_id))
    window = f"{total.date_from} 至 {total.stock_date}（在档户数统计日 {total.stock_date}）"
    return (
        _pickers(view)
        + breadcrumb(view.shown, view.trail)
        + f'<h2 style="font-size:16px;margin:0 0 8px">{title} 困难职工帮扶 <small style="'
        f'font-weight:400;color:#52606d">统计期间 {window}，含全部下级</small></h2>'
        + _cards(total)
        + '<div class="charts"><section class="panel"><h2>'
        + f"{view.period[:4]} 年各月帮扶金额（元）</h2>"
        + monthly_chart(view.months)
        + '<p class="note">按发放日统计，各项目分色叠加。</p></section>'
        + '<section class="panel"><h2>本期各项目帮扶金额与人次</h2>'
        + programme_chart(total.aid)
        + "</section></div>"
        + _children_table(view)
    )


def _pickers(view: AssistanceDashboard) -> str:
    query = {"org_id": str(view.org_id), "period": view.period}
    links = "".join(
        f'<a href="{ASSISTANCE_EXPORT_PATH}?{escape(urlencode({**query, "format": kind}))}">'
        f"导出 {kind.upper()}</a>"
        for kind in ("csv", "xlsx")
    )
    links += f'<a href="/dashboard?{escape(urlencode(query))}">会籍统计</a>'
    links += f'<a href="/dashboard/annual-report?{escape(urlencode(query))}">年报</a>'
    name = view.total.name or str(view.org_id)
    return picker_form(view.picker, view.org_id, name, view.period, view.today, ASSISTANCE_PAGE,
                       links)  # fmt: skip


def _cards(figures: AssistanceFigures) -> str:
    stock, files, aid = figures.households, figures.files, figures.aid
    visits, insurance = figures.visits, figures.insurance
    cards = [
        ("在档户数", "households.on_file", str(stock.on_file), f"其中临时档案 {stock.temporary}"),
        ("深度困难", "households.deep", str(stock.deep), ""),
        ("相对困难", "households.relative", str(stock.relative), ""),
        ("意外致困", "households.accident", str(stock.accident), ""),
        ("新建档", "households.filed", str(files.filed), "期间"),
        ("解困脱困", "households.exited", str(files.exited), f"注销 {files.cancelled}"),
        ("帮扶人次", "aid.payments", str(aid.payments),
         f"{aid.people} 人 · 涉及 {aid.employers} 家企业"),
        ("帮扶金额（元）", "aid.amount_fen", yuan_text(aid.amount_fen), "全部项目"),
        ("走访人次", "visits.visits", str(visits.visits),
         f"{visits.people} 人 · {visits.households} 户 · 涉及 {visits.employers} 家企业"),
        ("募捐金额（元）", "donations.amount_fen", yuan_text(figures.donations.amount_fen),
         f"{figures.donations.receipts} 笔"),
        ("互助保障参保", "insurance.enrolled_members", str(insurance.enrolled_members), "人"),
        ("报销人次", "insurance.claims", str(insurance.claims),
         f"{yuan_text(insurance.claims_fen)} 元"),
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


_CHILD_HEADERS = ("在档户数", "新建档", "解困脱困", "帮扶人次", "帮扶金额（元）", "走访人次",
                  "募捐金额（元）")  # fmt: skip


def _child_cells(c: AssistanceFigures) -> list[str]:
    return [
        str(c.households.on_file), str(c.files.filed), str(c.files.exited), str(c.aid.payments),
        yuan_text(c.aid.amount_fen), str(c.visits.visits), yuan_text(c.donations.amount_fen),
    ]  # fmt: skip


def _children_table(view: AssistanceDashboard) -> str:
    measures = footing(view.total, [*view.children, view.own], ASSISTANCE_MEASURES)
    rows = (view.children, view.own, view.total)
    return breakdown_table(view.shown, _CHILD_HEADERS, _child_cells, rows, footing_notes(measures))
