"""Reporting periods: a year, half-year, quarter or month by name, or any two dates."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:(?P<half>H[12])|(?P<quarter>Q[1-4])|-(?P<month>\d{2}))?$"
)


EARLIEST = date(1900, 1, 1)
LATEST = date(2099, 12, 31)
"""The dates a report may cover: the unions' records start after 1900, and a day past the
latest must still be a date (a range ending on 9999-12-31 cannot be followed by its next day)."""


class InvalidPeriod(ValueError):
    """The period text or dates are not acceptable; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class Period:
    """Every day from ``date_from`` to ``date_to``, both included."""

    date_from: date
    date_to: date

    def __post_init__(self) -> None:
        if self.date_to < self.date_from:
            raise InvalidPeriod("结束日期不能早于开始日期")
        if self.date_from < EARLIEST or self.date_to > LATEST:
            raise InvalidPeriod("统计期间须在 1900-01-01 至 2099-12-31 之间")

    def stock_date(self, as_of: date | None, today: date | None = None) -> date:
        """The day stock figures are read: ``as_of`` when given and earlier than the period's
        end, else the period's end, or ``today`` while the period is still running: nothing
        later is known yet, and a count such as "overdue on that day" would otherwise count
        cases whose limit has not passed.

        Raises:
            InvalidPeriod: ``as_of`` falls before the period starts.
        """
        if as_of is None and today is not None and self.date_from <= today < self.date_to:
            return today
        if as_of is None or as_of >= self.date_to:
            if as_of is not None and as_of > LATEST:
                raise InvalidPeriod("截至日期须不晚于 2099-12-31")
            return self.date_to
        if as_of < self.date_from:
            raise InvalidPeriod("截至日期不能早于期间开始日期")
        return as_of


def parse_period(text: str) -> Period:
    """``2024`` (year), ``2024H1`` (half-year), ``2024Q2`` (quarter) or ``2024-03`` (month).

    Raises:
        InvalidPeriod: any other text.
    """
    match = _PATTERN.match(text.strip().upper())
    if match is None:
        raise InvalidPeriod("期间格式应为 2024、2024H1、2024Q2 或 2024-03")
    year = int(match["year"])
    if match["half"]:
        first = 1 if match["half"] == "H1" else 7
        return _months(year, first, first + 5)
    if match["quarter"]:
        first = 3 * int(match["quarter"][1]) - 2
        return _months(year, first, first + 2)
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise InvalidPeriod("月份应在 01 到 12 之间")
        return _months(year, month, month)
    return _months(year, 1, 12)


def _months(year: int, first: int, last: int) -> Period:
    return Period(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))


def default_period(today: date, latest: date | None) -> str:
    """The year a dashboard opens on: this year, or the latest year with data when this
    year has none yet (a cadre opening the page in January sees last year, not zeros).

    Args:
        today: the day the page is asked for.
        latest: the latest day with data up to ``today``; ``None`` when there is none.
    """
    if latest is None or latest.year >= today.year:
        return str(today.year)
    return str(latest.year)
