"""The mediation report table (劳动争议调解统计表), laid out as a street's half-year report.

Rows are the indicators, in the order a mediation centre's report gives them (接待来访 by
channel, 受理 by category, 涉及职工 …, 办结, 调解成功, 转仲裁, 法律援助, 追回金额, 逾期, 延期次数 by reason); columns
are the organisations (each child as the tree stood on the stock date, then 合计, the
organisation's own report) or the periods (the quarters of a half-year or year, the months of
a quarter, then the whole period). Amounts are yuan with two decimals from fen; an undefined
rate is ``—``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from reporting.domain.assistance_figures import yuan
from reporting.domain.dispute_figures import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    EXTENSION_REASON_LABELS,
    TARGET_LABELS,
    DisputeFigures,
)
from reporting.domain.periods import Period
from reporting.domain.report_table import (
    TOTAL_LABEL,
    UNDEFINED_RATE,
    Cell,
    ReportTable,
    period_label,
)

TABLE_NAME = "劳动争议调解统计表"
INDICATOR_HEADER = "指标"
Line = tuple[str, Callable[[DisputeFigures], Cell]]


def _rate(value: Decimal | None) -> Cell:
    return UNDEFINED_RATE if value is None else value


def _channel(channel: str) -> Callable[[DisputeFigures], Cell]:
    return lambda f: f.contacts.by_channel[channel]


def _category(category: str) -> Callable[[DisputeFigures], Cell]:
    return lambda f: f.cases.by_category[category]


def _referred(target: str) -> Callable[[DisputeFigures], Cell]:
    return lambda f: f.outcomes.referred[target]


def _reason(reason: str) -> Callable[[DisputeFigures], Cell]:
    return lambda f: f.extensions.by_reason[reason]


def _lines() -> tuple[Line, ...]:
    lines: list[Line] = [("接待来访(件)", lambda f: f.contacts.contacts)]
    for channel, label in CHANNEL_LABELS.items():
        lines.append((f"  其中{label}", _channel(channel)))
    lines.append(("受理案件(件)", lambda f: f.cases.accepted))
    for category, label in CATEGORY_LABELS.items():
        lines.append((f"  其中{label}", _category(category)))
    lines += [
        ("涉及职工(人)", lambda f: f.cases.workers),
        ("  其中农民工", lambda f: f.cases.migrant_workers),
        ("集体争议(件)", lambda f: f.cases.collective),
        ("涉案金额(元)", lambda f: yuan(f.cases.claimed_fen)),
        ("不予受理(件)", lambda f: f.cases.declined),
        ("撤回(件)", lambda f: f.cases.withdrawn),
        ("办结数(件)", lambda f: f.outcomes.closed),
        ("办结率(%)", lambda f: _rate(f.closure_rate)),
        ("调解成功数(件)", lambda f: f.outcomes.settled),
        ("调解成功率(%)", lambda f: _rate(f.settlement_rate)),
        ("调解协议金额(元)", lambda f: yuan(f.outcomes.agreed_fen)),
        ("调解不成(件)", lambda f: f.outcomes.failed),
    ]
    for target, label in TARGET_LABELS.items():
        lines.append((f"{label}(件)", _referred(target)))
    lines += [
        ("法律援助(件)", lambda f: f.outcomes.legal_aid_granted),
        ("追回金额(元)", lambda f: yuan(f.outcomes.recovered_fen)),
        ("逾期未结案件(件)", lambda f: f.overdue.open_overdue),
        ("逾期提示(次)", lambda f: f.overdue.notices),
        ("延期次数(次)", lambda f: f.extensions.extensions),
    ]
    for reason, label in EXTENSION_REASON_LABELS.items():
        lines.append((f"  其中理由：{label}", _reason(reason)))
    return tuple(lines)


LINES = _lines()
INDICATORS = tuple(label for label, _ in LINES)
RATE_LINES = ("办结率(%)", "调解成功率(%)")
MONEY_LINES = tuple(label for label in INDICATORS if label.endswith("(元)"))


@dataclass(frozen=True)
class Column:
    """One column of the table: its header and the figures under it."""

    header: str
    figures: DisputeFigures


def dispute_table(total: DisputeFigures, columns: list[Column], date_to: date) -> ReportTable:
    """One row per indicator; ``columns`` then, when they are parts of it, 合计 (``total``).

    Args:
        total: the organisation reported on, with its whole subtree, over the whole period.
        columns: the children or the sub-periods; when empty, ``total`` is the only column.
        date_to: the last day of the requested period (the label says when the stock date
            was earlier, for an as-of date).
    """
    label = period_label(total.date_from, date_to, total.stock_date)
    name = total.name or str(total.org_id)
    shown = [*columns, Column(TOTAL_LABEL if columns else label, total)]
    return ReportTable(
        title=f"{name} {label} {TABLE_NAME}",
        headers=(INDICATOR_HEADER, *(column.header for column in shown)),
        rows=tuple((line, *(value(c.figures) for c in shown)) for line, value in LINES),
        file_stem=f"{name}{label}{TABLE_NAME}",
    )


def sub_periods(period: Period, stock_date: date) -> list[Period]:
    """The parts a period is reported in: a year's or half-year's quarters, a quarter's months.

    Parts beginning after ``stock_date`` are left out; a month or any other range has none.
    """
    first, last = period.date_from, period.date_to
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    whole_months = first.day == 1 and (last + timedelta(days=1)).day == 1
    if not whole_months or months not in (3, 6, 12) or first.month % months not in (1, 0):
        return []
    step = 1 if months == 3 else 3
    parts = []
    for offset in range(0, months, step):
        start = date(first.year, first.month + offset, 1)
        end_month = first.month + offset + step
        end = date(first.year + end_month // 13, (end_month - 1) % 12 + 1, 1) - timedelta(days=1)
        if start <= stock_date:
            parts.append(Period(start, end))
    return parts
