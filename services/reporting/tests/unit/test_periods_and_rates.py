"""Period names become dates; rates are one-decimal percentages, undefined over zero."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from reporting.domain.figures import rate
from reporting.domain.periods import InvalidPeriod, Period, parse_period


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024H1", date(2024, 1, 1), date(2024, 6, 30)),
        ("2024h2", date(2024, 7, 1), date(2024, 12, 31)),
        ("2024Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024Q4", date(2024, 10, 1), date(2024, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        (" 2024-12 ", date(2024, 12, 1), date(2024, 12, 31)),
    ],
)
def test_named_periods_cover_whole_months(text: str, first: date, last: date) -> None:
    assert parse_period(text) == Period(first, last)


@pytest.mark.parametrize("text", ["", "24", "2024H3", "2024Q5", "2024-13", "2024-00", "2024-1"])
def test_malformed_periods_are_refused(text: str) -> None:
    with pytest.raises(InvalidPeriod):
        parse_period(text)


def test_dates_out_of_order_are_refused() -> None:
    with pytest.raises(InvalidPeriod):
        Period(date(2024, 3, 2), date(2024, 3, 1))


def test_stock_date_is_the_period_end_or_an_earlier_as_of() -> None:
    half = parse_period("2024H1")
    assert half.stock_date(None) == date(2024, 6, 30)
    assert half.stock_date(date(2024, 3, 31)) == date(2024, 3, 31)
    assert half.stock_date(date(2025, 1, 1)) == date(2024, 6, 30)
    with pytest.raises(InvalidPeriod):
        half.stock_date(date(2023, 12, 31))


def test_a_running_period_is_read_today_unless_a_date_is_asked() -> None:
    year = parse_period("2026")
    today = date(2026, 12, 7)
    assert year.stock_date(None, today) == today  # nothing later is known yet
    assert year.stock_date(date(2026, 12, 31), today) == date(2026, 12, 31)  # asked for
    assert year.stock_date(date(2026, 6, 30), today) == date(2026, 6, 30)
    assert parse_period("2025").stock_date(None, today) == date(2025, 12, 31)  # ended
    assert parse_period("2027").stock_date(None, today) == date(2027, 12, 31)  # not begun
    assert parse_period("2026-12").stock_date(None, date(2026, 12, 31)) == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (1, 80, Decimal("1.3")),  # 1.25 rounds half up, as statistical tables do
        (3, 250, Decimal("1.2")),
        (0, 5, Decimal("0.0")),
        (5, 5, Decimal("100.0")),
    ],
)
def test_rates_are_percentages_with_one_decimal(
    numerator: int, denominator: int, expected: Decimal
) -> None:
    assert rate(numerator, denominator) == expected
    assert str(rate(numerator, denominator)) == str(expected)


def test_a_rate_over_zero_is_undefined_not_zero() -> None:
    assert rate(0, 0) is None
    assert rate(3, 0) is None


@pytest.mark.parametrize("text", ["9999H2", "9999", "1899Q4", "0001-01"])
def test_a_period_outside_the_records_is_refused_not_overflowed(text: str) -> None:
    with pytest.raises(InvalidPeriod):
        parse_period(text)


def test_dates_beyond_2099_are_refused() -> None:
    with pytest.raises(InvalidPeriod):
        Period(date(2024, 1, 1), date(9999, 12, 31))
    with pytest.raises(InvalidPeriod):
        parse_period("2024H1").stock_date(date(9999, 12, 31))
