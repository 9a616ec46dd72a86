"""History entered as history: the dates a cadre may give a fact entered after it happened.

Last year's visits, applications, approvals and payments are entered as what they were, with
their own dates, so that the yearly report counts them in their own period. A past date is
accepted back to the service's history limit (``ASSISTANCE_HISTORY_FROM``, the first day the
city's paper records are taken in), never after today, and never before what it follows (the
household's filing, the step before it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.seedwork import InvalidValue

DEFAULT_HISTORY_FROM = date(2015, 1, 1)
"""The earliest business date accepted unless ``ASSISTANCE_HISTORY_FROM`` says otherwise."""


@dataclass(frozen=True)
class After:
    """What a date may not precede: the day of an earlier fact, and how to name it."""

    day: date | None
    label: str


@dataclass(frozen=True)
class Dating:
    """The window a business date must fall in: from the history limit up to today."""

    today: date
    history_from: date = DEFAULT_HISTORY_FROM

    def check(self, day: date, *, field: str, label: str, after: After | None = None) -> date:
        """``day`` if it may be the date of a fact, else the reason it may not.

        Raises:
            InvalidValue: after today, before the history limit, or before ``after``.
        """
        if day > self.today:
            raise InvalidValue(f"{label}不能晚于今天", field=field)
        if day < self.history_from:
            raise InvalidValue(
                f"{label}不能早于可补录历史的起始日 {self.history_from.isoformat()}", field=field
            )
        if after is not None and after.day is not None and day < after.day:
            raise InvalidValue(f"{label}不能早于{after.label} {after.day.isoformat()}", field=field)
        return day
