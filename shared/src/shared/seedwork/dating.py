"""History entered as history: the window a past fact's business date must fall in.

Facts kept on paper (last year's cases, classes, placements) are entered with their own dates
so that the yearly report counts them in their own year; a date is accepted back to the
service's history limit and never after today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.seedwork import InvalidValue

DEFAULT_HISTORY_FROM = date(2015, 1, 1)
"""The earliest business date accepted unless the service's ``<SERVICE>_HISTORY_FROM`` setting says otherwise."""


@dataclass(frozen=True)
class Dating:
    """The window a business date must fall in: from the history limit up to today."""

    today: date
    history_from: date = DEFAULT_HISTORY_FROM

    def check(self, day: date, *, field: str, label: str) -> date:
        """``day`` if it may be the date of a past fact.

        Raises:
            InvalidValue: after today or before the history limit, naming ``field``.
        """
        if day > self.today:
            raise InvalidValue(f"{label}不能晚于今天", field=field)
        if day < self.history_from:
            raise InvalidValue(
                f"{label}不能早于可补录历史的起始日 {self.history_from.isoformat()}", field=field
            )
        return day
