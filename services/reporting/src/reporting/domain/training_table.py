"""The half-year training and employment table (职工培训与就业统计表): indicators by column.

Laid out as the streets' training and re-employment tables are: one row per indicator, one
column per child organisation (or per quarter of the period), then 合计 — the organisation's
own report, not a sum of the columns. Counts are integers; the rates have one decimal and
read ``—`` where nobody was counted in their denominator.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from reporting.domain.report_table import (
    TOTAL_LABEL,
    UNDEFINED_RATE,
    Cell,
    ReportTable,
    period_label,
)
from reporting.domain.training_figures import (
    CLASS_KIND_LABELS,
    FOLLOW_UP_MONTHS,
    SEEKER_STATUS_LABELS,
    TrainingFigures,
)

TABLE_NAME = "职工培训与就业统计表"
INDICATOR_HEADER = "指标"
Row = tuple[str, Callable[[TrainingFigures], Cell]]


def _rate(value: Decimal | None) -> Cell:
    return UNDEFINED_RATE if value is None else value


def _kind_rows() -> tuple[Row, ...]:
    return tuple(
        (f"　其中{label}", lambda f, kind=kind: f.courses.classes_by_kind[kind])
        for kind, label in CLASS_KIND_LABELS.items()
    )


def _status_rows() -> tuple[Row, ...]:
    return tuple(
        (f"　其中{label}", lambda f, status=status: f.employment.seekers_by_status[status])
        for status, label in SEEKER_STATUS_LABELS.items()
    )


def _follow_up_rows() -> tuple[Row, ...]:
    rows: list[Row] = []
    for index, months in enumerate(FOLLOW_UP_MONTHS):

        def followed(f: TrainingFigures, i: int = index) -> Cell:
            return f.employment.follow_ups[i].followed

        def still(f: TrainingFigures, i: int = index) -> Cell:
            return f.employment.follow_ups[i].still_employed

        def share(f: TrainingFigures, i: int = index) -> Cell:
            return _rate(f.employment.follow_ups[i].rate)

        rows += [
            (f"{months}个月回访人数", followed),
            (f"{months}个月仍在岗人数", still),
            (f"{months}个月仍在岗率(%)", share),
        ]
    return tuple(rows)


ROWS: tuple[Row, ...] = (
    ("培训期数", lambda f: f.courses.classes),
    *_kind_rows(),
    ("取消的培训班", lambda f: f.courses.classes_cancelled),
    ("入班人次", lambda f: f.courses.seats_taken),
    ("退班人次", lambda f: f.courses.withdrawn),
    ("培训人次", lambda f: f.courses.trainees),
    ("结业人次", lambda f: f.courses.completed),
    ("取证人次", lambda f: f.courses.certified),
    ("技能竞赛参赛人次", lambda f: f.courses.competition_entries),
    ("出勤率(%)", lambda f: _rate(f.courses.attendance_rate)),
    ("招聘会场次", lambda f: f.employment.fairs),
    ("参会单位", lambda f: f.employment.fair_employers),
    ("提供岗位", lambda f: f.employment.fair_positions),
    ("求职人数", lambda f: f.employment.fair_seekers),
    ("　其中登记求职者", lambda f: f.employment.fair_registered),
    ("　其中现场求职者", lambda f: f.employment.fair_walk_ins),
    ("发布招聘信息(条)", lambda f: f.employment.postings),
    ("招聘信息岗位数", lambda f: f.employment.posting_positions),
    ("求职登记人数", lambda f: f.employment.registrations),
    *_status_rows(),
    ("实现就业人数", lambda f: f.employment.placements),
    ("　其中再就业", lambda f: f.employment.reemployed),
    *_follow_up_rows(),
)
INDICATORS = tuple(label for label, _ in ROWS)
RATE_INDICATORS = tuple(label for label in INDICATORS if label.endswith("(%)"))


def training_table(
    columns: list[tuple[str, TrainingFigures]], total: TrainingFigures, date_to: date
) -> ReportTable:
    """One row per indicator; a column per ``(heading, figures)`` and 合计 last.

    Args:
        columns: the child organisations, or the quarters of the period, with their figures.
        total: the organisation reported on, with its whole subtree, over the whole period.
        date_to: the last day of the requested period (the label says when it was read
            earlier, for an as-of date).
    """
    label = period_label(total.date_from, date_to, total.stock_date)
    name = total.name or str(total.org_id)
    shown = [*(figures for _, figures in columns), total]
    return ReportTable(
        title=f"{name} {label} {TABLE_NAME}",
        headers=(INDICATOR_HEADER, *(heading for heading, _ in columns), TOTAL_LABEL),
        rows=tuple((row, *(value(f) for f in shown)) for row, value in ROWS),
        file_stem=f"{name}{label}{TABLE_NAME}",
    )


def quarters(date_from: date, stock_date: date) -> list[tuple[date, date]]:
    """The calendar quarters the period overlaps up to ``stock_date``, each cut to the period."""
    found = []
    first = date_from
    while first <= stock_date:
        quarter_month = 3 * ((first.month - 1) // 3) + 1
        if quarter_month == 10:
            next_quarter = date(first.year + 1, 1, 1)
        else:
            next_quarter = date(first.year, quarter_month + 3, 1)
        last = min(next_quarter - timedelta(days=1), stock_date)
        found.append((first, last))
        first = next_quarter
    return found


def quarter_heading(first: date, last: date) -> str:
    """A column's heading: ``2024年第一季度``, or its two dates when cut short."""
    return period_label(first, last, last)
