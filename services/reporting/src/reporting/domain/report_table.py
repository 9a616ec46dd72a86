"""The half-year report table (工会组织建设统计表): one row per child organisation plus 合计.

Pure layout shared by every export format: Chinese headers, figures in report order, rates
as one-decimal percentages and ``—`` where a rate is undefined (its denominator is 0).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reporting.domain.figures import Indicators
from reporting.domain.own_level import OWN_LABEL

Cell = str | int | Decimal
UNDEFINED_RATE = "—"
TOTAL_LABEL = "合计"
TABLE_NAME = "工会组织建设统计表"
RATE_HEADERS = ("建会率(%)", "入会率(%)")
CONTRACT_KIND_LABELS = {"comprehensive": "综合", "wage": "工资专项", "women": "女职工专项"}
_QUARTERS = ("一", "二", "三", "四")


def _rate(value: Decimal | None) -> Cell:
    return UNDEFINED_RATE if value is None else value


Column = tuple[str, Callable[[Indicators], Cell]]
_FIGURE_COLUMNS: tuple[Column, ...] = (
    ("单位数", lambda r: r.stock.employers),
    ("职工数", lambda r: r.stock.workers),
    ("其中女职工", lambda r: r.stock.women_workers),
    ("其中农民工", lambda r: r.stock.migrant_workers),
    ("已建会单位数", lambda r: r.stock.covered_employers),
    (RATE_HEADERS[0], lambda r: _rate(r.stock.coverage_rate)),
    ("会员数", lambda r: r.stock.active_members),
    (RATE_HEADERS[1], lambda r: _rate(r.stock.membership_rate)),
    ("新建工会数", lambda r: r.flows.unions_founded),
    ("新发展会员数", lambda r: r.flows.members_admitted),
    ("其中农民工", lambda r: r.flows.admitted_migrant),
    ("其中女性", lambda r: r.flows.admitted_female),
    ("会籍转入", lambda r: r.flows.transfers_in),
    ("会籍转出", lambda r: r.flows.transfers_out),
    ("退会", lambda r: r.flows.members_left),
)


def _contract_columns() -> tuple[Column, ...]:
    """签订数 counts the contracts in force on the stock date, as the half-year report does;
    the contracts signed during the period follow as their own column."""
    columns: list[Column] = []
    for kind, label in CONTRACT_KIND_LABELS.items():

        def figure(attribute: str, kind: str = kind) -> Callable[[Indicators], Cell]:
            return lambda r: getattr(r.contracts[kind], attribute) if kind in r.contracts else 0

        columns += [
            (f"{label}集体合同签订数", figure("in_force")),
            (f"{label}集体合同本期新签数", figure("signed_in_period")),
            (f"{label}集体合同覆盖单位数", figure("employers_covered")),
            (f"{label}集体合同覆盖职工数", figure("workers_covered")),
        ]
    return tuple(columns)


COLUMNS: tuple[Column, ...] = (
    ("组织", lambda r: r.name or str(r.org_id)),
    *_FIGURE_COLUMNS,
    *_contract_columns(),
)
HEADERS = tuple(header for header, _ in COLUMNS)


@dataclass(frozen=True)
class ReportTable:
    """A titled table: ``rows`` hold one row per child, then the 合计 row last."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    file_stem: str


def report_table(
    parent: Indicators, children: list[Indicators], date_to: date, own: Indicators | None = None
) -> ReportTable:
    """Lay out ``children``, the 本级 row when ``own`` is given, and the parent's figures as
    the 合计 row.

    Args:
        parent: the organisation reported on, with its whole subtree.
        children: its children as the tree stood on the stock date.
        date_to: the last day of the requested period (the label says when stocks were read
            earlier, for an as-of date).
        own: what was recorded at the parent itself (本级), so the rows add up to 合计.
    """
    label = period_label(parent.date_from, date_to, parent.stock_date)
    name = parent.name or str(parent.org_id)
    total = (TOTAL_LABEL, *(value(parent) for _, value in COLUMNS[1:]))
    own_row = () if own is None else ((OWN_LABEL, *(value(own) for _, value in COLUMNS[1:])),)
    return ReportTable(
        title=f"{name} {label} {TABLE_NAME}",
        headers=HEADERS,
        rows=(
            *(tuple(value(child) for _, value in COLUMNS) for child in children),
            *own_row,
            total,
        ),
        file_stem=f"{name}{label}{TABLE_NAME}",
    )


def period_label(date_from: date, date_to: date, stock_date: date) -> str:
    """``2024年上半年``, ``2024年第二季度``, ``2024年3月``, ``2024年`` or the two dates.

    A stock date before the period's end (an as-of report) is added as ``（截至…）``.
    """
    label = _named_period(date_from, date_to) or f"{_day(date_from)}至{_day(date_to)}"
    if stock_date < date_to:
        label += f"（截至{_day(stock_date)}）"
    return label


def _named_period(date_from: date, date_to: date) -> str | None:
    next_day = date_to.toordinal() + 1
    if date_from.day != 1 or date.fromordinal(next_day).day != 1:
        return None
    year, first, last = date_from.year, date_from.month, date_to.month
    if date_to.year != year:
        return None
    named = {
        (1, 12): f"{year}年",
        (1, 6): f"{year}年上半年",
        (7, 12): f"{year}年下半年",
        **{(m, m): f"{year}年{m}月" for m in range(1, 13)},
        **{(3 * q + 1, 3 * q + 3): f"{year}年第{_QUARTERS[q]}季度" for q in range(4)},
    }
    return named.get((first, last))


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
