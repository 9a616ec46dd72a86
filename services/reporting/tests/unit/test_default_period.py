"""Where a dashboard opens: the latest year with data, never an empty current year."""

from __future__ import annotations

from datetime import date

import pytest
from reporting.domain.periods import default_period


@pytest.mark.parametrize(
    ("today", "latest", "expected"),
    [
        (date(2025, 1, 6), date(2024, 12, 20), "2024"),  # nothing yet this year: last year
        (date(2025, 1, 6), date(2022, 3, 1), "2022"),  # the latest data, however old
        (date(2025, 3, 6), date(2025, 3, 1), "2025"),  # this year has data
        (date(2025, 3, 6), None, "2025"),  # no data at all: this year, nothing better to show
    ],
)
def test_default_period(today: date, latest: date | None, expected: str) -> None:
    assert default_period(today, latest) == expected
