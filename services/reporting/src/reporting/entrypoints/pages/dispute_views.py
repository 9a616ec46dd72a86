"""The HTML of the mediation dashboard: pickers, headline cards, charts, children table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode
from uuid import UUID

from reporting.domain.assistance_figures import yuan_text
from reporting.domain.dispute_figures import DisputeFigures
from reporting.domain.own_level import DISPUTE_MEASURES, footing
from reporting.entrypoints.pages.breakdown import breakdown_table, footing_notes
from reporting.entrypoints.pages.charts import rate_text
from reporting.entrypoints.pages.dispute_charts import (
    MonthCases,
    category_chart,
    extension_table,
    monthly_cases_chart,
)
from reporting.entrypoints.pages.drill import Shown, breadcrumb
from reporting.entrypoints.pages.figures import PickerEntry
from reporting.entrypoints.pages.views import picker_form

DISPUTES_PAGE = "/dashboard/disputes"
DISPUTES_EXPORT_PATH = "/api/v1/statistics/disputes/export"


@dataclass(frozen=True)
class DisputeDashboard:
    """Everything one mediation dashboard page shows."""

    org_id: UUID
    period: str
    picker: list[PickerEntry]
    total: DisputeFigures
    children: list[DisputeFigures]
    months: list[MonthCases]
    today: date
    own: DisputeFigures
    trail: list[tuple[UUID, str]]
    as_of: date | None = None

    @property
    def shown(self) -> Shown:
        return Shown(DISPUTES_PAGE, self.org_id, self.period, self.as_of)


def dispute_body(view: DisputeDashboard) -> str:
    """Pickers, headline cards, the two charts, extensions by reason and the per-child table."""
    total = view.total
    title = escape(total.name or str(total.org_id))
    window = f"{total.date_from} 至 {total.stock_date}（逾期案件统计日 {total.stock_date}）"
    return (
        _pickers(view)
        + breadcrumb(view.shown, view.trail)
        + f'<h2 style="font-size:16px;margin:0 0 8px">{title} 劳动争议调解 <small style="'
        f'font-weight:400;color:#52606d">统计期间 {window}，含全部下级</small></h2>'
        + _cards(total)
        + '<div class="charts"><section class="panel"><h2>'
        + f"{view.period[:4]} 年各月受理、办结与调解成功案件</h2>"
        + monthly_cases_chart(view.months)
        + '<p class="note">按受理日、办结日、调解成功日统计。</p></section>'
        + '<section class="panel"><h2>本期受理案件类别</h2>'
        + category_chart(total.cases)
        + '</section><section class="panel"><h2>本期延期次数按理由</h2>'
        + extension_table(total.extensions)
        + '<p class="note">按延长调解期限之日统计；未记录为登记延期理由之前的延期。</p>'
        + "</section></div>"
        + _children_table(view)
    )


def _pickers(view: DisputeDashboard) -> str:
    query = {"org_id": str(view.org_id), "period": view.period}
    exports = (("csv", "children", "CSV"), ("xlsx", "children", "XLSX"),
               ("xlsx", "periods", "XLSX（按季度/月）"))  # fmt: skip
    links = "".join(
        f'<a href="{DISPUTES_EXPORT_PATH}?'
        f'{escape(urlencode({**query, "format": kind, "layout": layout}))}">导出 {label}</a>'
        for kind, layout, label in exports
    )
    links += f'<a href="/dashboard?{escape(urlencode(query))}">会籍统计</a>'
    links += f'<a href="/dashboard/annual-report?{escape(urlencode(query))}">年报</a>'
    name = view.total.name or str(view.org_id)
    return picker_form(view.picker, view.org_id, name, view.period, view.today, DISPUTES_PAGE,
                       links)  # fmt: skip


def _cards(f: DisputeFigures) -> str:
    c, k, o = f.contacts, f.cases, f.outcomes
    cards = [
        ("接待来访", "contacts.contacts", str(c.contacts), f"来访 {c.by_channel['visit']}"),
        ("受理案件", "cases.accepted", str(k.accepted), f"集体争议 {k.collective}"),
        ("涉及职工", "cases.workers", str(k.workers), f"其中农民工 {k.migrant_workers}"),
        ("涉案金额（元）", "cases.claimed_fen", yuan_text(k.claimed_fen), ""),
        ("办结数", "outcomes.closed", str(o.closed), f"不予受理 {k.declined} · 撤回 {k.withdrawn}"),
        ("办结率", "closure_rate", rate_text(f.closure_rate), "办结 ÷ 受理"),
        ("调解成功", "outcomes.settled", str(o.settled), f"调解不成 {o.failed}"),
        ("调解成功率", "settlement_rate", rate_text(f.settlement_rate), "调解成功 ÷ 办结"),
        ("转仲裁", "outcomes.referred.arbitration", str(o.referred["arbitration"]),
         f"转诉讼 {o.referred['court']}"),
        ("法律援助", "outcomes.legal_aid", str(o.legal_aid_granted), ""),
        ("追回金额（元）", "outcomes.recovered_fen", yuan_text(o.recovered_fen), ""),
        ("逾期未结", "overdue.open_overdue", str(f.overdue.open_overdue),
         f"期间逾期提示 {f.overdue.notices}"),
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


_CHILD_HEADERS = ("接待来访", "受理案件", "涉及职工", "办结数", "办结率", "调解成功", "调解成功率",
                  "追回金额（元）", "逾期未结")  # fmt: skip


def _child_cells(c: DisputeFigures) -> list[str]:
    return [
        str(c.contacts.contacts), str(c.cases.accepted), str(c.cases.workers),
        str(c.outcomes.closed), rate_text(c.closure_rate), str(c.outcomes.settled),
        rate_text(c.settlement_rate), yuan_text(c.outcomes.recovered_fen),
        str(c.overdue.open_overdue),
    ]  # fmt: skip


def _children_table(view: DisputeDashboard) -> str:
    measures = footing(view.total, [*view.children, view.own], DISPUTE_MEASURES)
    rows = (view.children, view.own, view.total)
    return breakdown_table(view.shown, _CHILD_HEADERS, _child_cells, rows, footing_notes(measures))
