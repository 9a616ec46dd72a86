"""The mediation report table and its period parts: rates, yuan, columns, title."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from uuid import uuid4

from reporting.domain.dispute_figures import (
    CATEGORIES,
    CaseFigures,
    ContactFigures,
    DisputeFigures,
    ExtensionFigures,
    OutcomeFigures,
    OverdueFigures,
)
from reporting.domain.dispute_table import INDICATORS, Column, dispute_table, sub_periods
from reporting.domain.periods import Period, parse_period


def figures(name: str, accepted: int, closed: int, settled: int, recovered: int) -> DisputeFigures:
    return DisputeFigures(
        org_id=uuid4(), name=name, date_from=date(2024, 1, 1), stock_date=date(2024, 6, 30),
        contacts=ContactFigures(), cases=CaseFigures(by_category={**dict.fromkeys(CATEGORIES, 0), "wages": accepted}),
        outcomes=OutcomeFigures(closed=closed, settled=settled, recovered_fen=recovered),
        overdue=OverdueFigures(),
    )  # fmt: skip


def test_rates_are_one_decimal_and_undefined_without_a_denominator() -> None:
    street = figures("街道", accepted=3, closed=3, settled=2, recovered=0)
    assert (street.closure_rate, street.settlement_rate) == (Decimal("100.0"), Decimal("66.7"))
    quiet = figures("社区", accepted=0, closed=1, settled=0, recovered=0)
    assert (quiet.closure_rate, quiet.settlement_rate) == (None, Decimal("0.0"))
    assert figures("空", 0, 0, 0, 0).settlement_rate is None


def test_indicators_down_children_across_then_the_total() -> None:
    a = figures("汉中门社区", accepted=2, closed=1, settled=1, recovered=150_050)
    b = figures("石鼓路社区", accepted=0, closed=1, settled=0, recovered=0)
    total = figures("新街口街道总工会", accepted=2, closed=2, settled=1, recovered=150_050)
    table = dispute_table(total, [Column(a.name or "", a), Column(b.name or "", b)],
                          date(2024, 6, 30))  # fmt: skip
    assert table.title == "新街口街道总工会 2024年上半年 劳动争议调解统计表"
    assert table.headers == ("指标", "汉中门社区", "石鼓路社区", "合计")
    rows = {row[0]: row[1:] for row in table.rows}
    assert tuple(rows) == INDICATORS
    assert rows["办结率(%)"] == (Decimal("50.0"), "—", Decimal("100.0"))
    assert rows["追回金额(元)"] == (Decimal("1500.50"), Decimal("0.00"), Decimal("1500.50"))
    assert rows["  其中劳动报酬/欠薪"] == (2, 0, 2)


def test_a_single_period_is_its_own_column() -> None:
    total = figures("新街口街道总工会", accepted=1, closed=1, settled=1, recovered=0)
    table = dispute_table(total, [], date(2024, 6, 30))
    assert table.headers == ("指标", "2024年上半年")


def test_parts_of_a_period() -> None:
    def parts(text: str, stock: date | None = None) -> list[tuple[date, date]]:
        period = parse_period(text)
        return [(p.date_from, p.date_to) for p in sub_periods(period, stock or period.date_to)]

    assert parts("2024H2") == [(date(2024, 7, 1), date(2024, 9, 30)),
                               (date(2024, 10, 1), date(2024, 12, 31))]  # fmt: skip
    assert len(parts("2024")) == 4
    assert parts("2024Q1")[1] == (date(2024, 2, 1), date(2024, 2, 29))
    assert parts("2024-05") == []
    assert parts("2024H1", date(2024, 2, 10)) == [(date(2024, 1, 1), date(2024, 3, 31))]
    assert sub_periods(Period(date(2024, 2, 1), date(2024, 4, 30)), date(2024, 4, 30)) == []


def test_extensions_by_reason_follow_the_overdue_lines() -> None:
    total = figures("新街口街道总工会", accepted=1, closed=1, settled=1, recovered=0)
    by_reason = {**ExtensionFigures().by_reason, "party_request": 2, "unknown": 1}
    extended = replace(total, extensions=ExtensionFigures(by_reason))
    rows = {row[0]: row[1:] for row in dispute_table(extended, [], date(2024, 6, 30)).rows}
    assert rows["延期次数(次)"] == (3,)
    assert rows["  其中理由：当事人申请"] == (2,)
    assert rows["  其中理由：未记录"] == (1,)
    assert rows["  其中理由：案情复杂需进一步调查"] == (0,)
    assert INDICATORS[-7:] == ("延期次数(次)", "  其中理由：案情复杂需进一步调查",
                               "  其中理由：当事人申请", "  其中理由：等待鉴定或证据",
                               "  其中理由：协商中即将达成协议", "  其中理由：其他",
                               "  其中理由：未记录")  # fmt: skip
