"""The HTML of the training dashboard: pickers, headline cards, charts, children table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from urllib.parse import urlencode
from uuid import UUID

from reporting.domain.own_level import TRAINING_MEASURES, footing
from reporting.domain.training_figures import TrainingFigures
from reporting.entrypoints.pages.breakdown import breakdown_table, footing_notes
from reporting.entrypoints.pages.charts import rate_text
from reporting.entrypoints.pages.drill import Shown, breadcrumb
from reporting.entrypoints.pages.figures import PickerEntry
from reporting.entrypoints.pages.training_charts import MonthTraining, kind_chart, monthly_chart
from reporting.entrypoints.pages.views import ASSISTANCE_PAGE, TRAINING_PAGE, picker_form

TRAINING_EXPORT_PATH = "/api/v1/statistics/training/export"


@dataclass(frozen=True)
class TrainingDashboard:
    """Everything one training dashboard page shows."""

    org_id: UUID
    period: str
    picker: list[PickerEntry]
    total: TrainingFigures
    children: list[TrainingFigures]
    months: list[MonthTraining]
    today: date
    own: TrainingFigures
    trail: list[tuple[UUID, str]]
    as_of: date | None = None

    @property
    def shown(self) -> Shown:
        return Shown(TRAINING_PAGE, self.org_id, self.period, self.as_of)


def training_body(view: TrainingDashboard) -> str:
    """Pickers, headline cards, the two charts and the per-child table."""
    total = view.total
    title = escape(total.name or str(total.org_id))
    window = f"{total.date_from} 至 {total.stock_date}"
    return (
        _pickers(view)
        + breadcrumb(view.shown, view.trail)
        + f'<h2 style="font-size:16px;margin:0 0 8px">{title} 职工培训与就业 <small style="'
        f'font-weight:400;color:#52606d">统计期间 {window}，含全部下级</small></h2>'
        + _cards(total)
        + '<div class="charts"><section class="panel"><h2>'
        + f"{view.period[:4]} 年各月培训人次与实现就业人数</h2>"
        + monthly_chart(view.months)
        + '<p class="note">培训人次按入班日统计，扣除至当月末已退班的；实现就业按就业日统计。</p></section>'
        + '<section class="panel"><h2>本期各类培训期数</h2>'
        + kind_chart(total.courses)
        + "</section></div>"
        + _children_table(view)
    )


def _pickers(view: TrainingDashboard) -> str:
    query = {"org_id": str(view.org_id), "period": view.period}
    links = "".join(
        f'<a href="{TRAINING_EXPORT_PATH}?{escape(urlencode({**query, "format": kind}))}">'
        f"导出 {kind.upper()}</a>"
        for kind in ("csv", "xlsx")
    )
    by_quarter = urlencode({**query, "format": "xlsx", "columns": "quarters"})
    links += f'<a href="{TRAINING_EXPORT_PATH}?{escape(by_quarter)}">按季度导出</a>'
    links += f'<a href="/dashboard?{escape(urlencode(query))}">会籍统计</a>'
    links += f'<a href="/dashboard/annual-report?{escape(urlencode(query))}">年报</a>'
    links += f'<a href="{ASSISTANCE_PAGE}?{escape(urlencode(query))}">困难职工帮扶统计</a>'
    name = view.total.name or str(view.org_id)
    return picker_form(view.picker, view.org_id, name, view.period, view.today, TRAINING_PAGE,
                       links)  # fmt: skip


def _cards(figures: TrainingFigures) -> str:
    c, e = figures.courses, figures.employment
    three, six = e.follow_ups
    cards = [
        ("培训期数", "courses.classes", str(c.classes), f"取消 {c.classes_cancelled}"),
        ("培训人次", "courses.trainees", str(c.trainees), f"入班 {c.seats_taken} · 退班 {c.withdrawn}"),
        ("结业人次", "courses.completed", str(c.completed), ""),
        ("取证人次", "courses.certified", str(c.certified), f"撤销 {c.revoked}"),
        ("竞赛参赛人次", "courses.competition_entries", str(c.competition_entries), "技能竞赛"),
        ("出勤率", "courses.attendance_rate", rate_text(c.attendance_rate),
         f"{c.attended} / {c.expected} 人次"),
        ("招聘会场次", "employment.fairs", str(e.fairs),
         f"参会单位 {e.fair_employers} · 岗位 {e.fair_positions}"),
        ("求职人数", "employment.fair_seekers", str(e.fair_seekers),
         f"登记 {e.fair_registered} · 现场 {e.fair_walk_ins}"),
        ("发布招聘信息", "employment.postings", str(e.postings), f"岗位 {e.posting_positions}"),
        ("求职登记", "employment.registrations", str(e.registrations), "人"),
        ("实现就业", "employment.placements", str(e.placements), f"其中再就业 {e.reemployed}"),
        ("3个月仍在岗率", "employment.follow_up_3", rate_text(three.rate),
         f"{three.still_employed} / {three.followed} 人"),
        ("6个月仍在岗率", "employment.follow_up_6", rate_text(six.rate),
         f"{six.still_employed} / {six.followed} 人"),
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


_CHILD_HEADERS = ("培训期数", "培训人次", "结业人次", "取证人次", "招聘会场次", "求职人数",
                  "求职登记", "实现就业", "其中再就业")  # fmt: skip


def _child_cells(f: TrainingFigures) -> list[str]:
    courses, employment = f.courses, f.employment
    return [str(n) for n in (
        courses.classes, courses.trainees, courses.completed, courses.certified,
        employment.fairs, employment.fair_seekers, employment.registrations,
        employment.placements, employment.reemployed,
    )]  # fmt: skip


def _children_table(view: TrainingDashboard) -> str:
    measures = footing(view.total, [*view.children, view.own], TRAINING_MEASURES)
    rows = (view.children, view.own, view.total)
    return breakdown_table(view.shown, _CHILD_HEADERS, _child_cells, rows, footing_notes(measures))
