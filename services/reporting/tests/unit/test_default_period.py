"""Where a dashboard opens: the latest year with data, never an empty current year."""

from __future__ import annotations

from datetime import date

import pytest
from reporting.domain.periods import InvalidPeriod, default_period
from reporting.entrypoints.pages.choice import Choice, requested


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


TODAY = date(2026, 12, 7)


def test_a_named_period_wins_over_the_fallback_and_as_of_cuts_it() -> None:
    asked = Choice(None, "2024h1", None, as_of=date(2024, 3, 15))
    chosen, window, org = requested(asked, "2026", TODAY)
    assert (chosen, window.date_from, window.date_to, org) == (
        "2024H1", date(2024, 1, 1), date(2024, 3, 15), None,
    )  # fmt: skip
    chosen, window, _ = requested(Choice(None, None, 2023, "Q2"), "2026", TODAY)
    assert (chosen, window.date_to) == ("2023Q2", date(2023, 6, 30))
    chosen, window, _ = requested(Choice(None, None, None), "2024", TODAY)
    assert (chosen, window.date_from, window.date_to) == (
        "2024",
        date(2024, 1, 1),
        date(2024, 12, 31),
    )


def test_the_running_year_is_shown_as_of_today() -> None:
    chosen, window, _ = requested(Choice(None, None, None), "2026", TODAY)
    assert (chosen, window.date_from, window.date_to) == ("2026", date(2026, 1, 1), TODAY)


def test_an_as_of_date_before_the_period_is_refused() -> None:
    with pytest.raises(InvalidPeriod):
        requested(Choice(None, "2024H2", None, as_of=date(2024, 3, 1)), "2024", TODAY)
