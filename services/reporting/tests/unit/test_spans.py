"""A date range as whole decades, years, months and days: every day inside once, none outside."""

from __future__ import annotations

import random
from datetime import date, timedelta

from reporting.domain.spans import EVER, SpanRange, covering, span_start


def _times_counted(parts: tuple[SpanRange, ...], day: date) -> int:
    """How many chosen rows hold ``day``: its day row, its month row or its year row."""
    return sum(part.first <= span_start(part.span, day) < part.after for part in parts)


def test_every_day_inside_counts_once_and_none_outside() -> None:
    rng = random.Random(20240101)
    for _ in range(300):
        first = date(2005, 1, 1) + timedelta(days=rng.randrange(7000))
        after = first + timedelta(days=rng.randrange(rng.choice([40, 800, 9000])))
        parts = covering(first, after)
        for offset in range(-40, (after - first).days + 40, rng.randrange(1, 4)):
            day = first + timedelta(days=offset)
            assert _times_counted(parts, day) == (1 if first <= day < after else 0), (
                first, after, day,
            )  # fmt: skip


def test_a_half_year_is_six_months_and_everything_up_to_a_date_is_mostly_years() -> None:
    assert covering(date(2024, 1, 1), date(2024, 7, 1)) == (
        SpanRange("m", date(2024, 1, 1), date(2024, 7, 1)),
    )
    assert covering(EVER, date(2024, 6, 16)) == (
        SpanRange("c", EVER, date(2020, 1, 1)),
        SpanRange("y", date(2020, 1, 1), date(2024, 1, 1)),
        SpanRange("m", date(2024, 1, 1), date(2024, 6, 1)),
        SpanRange("d", date(2024, 6, 1), date(2024, 6, 16)),
    )
    assert covering(date(1999, 12, 31), date(2011, 1, 2)) == (
        SpanRange("d", date(1999, 12, 31), date(2000, 1, 1)),
        SpanRange("c", date(2000, 1, 1), date(2010, 1, 1)),
        SpanRange("y", date(2010, 1, 1), date(2011, 1, 1)),
        SpanRange("d", date(2011, 1, 1), date(2011, 1, 2)),
    )
    assert covering(date(2024, 3, 5), date(2024, 3, 9)) == (
        SpanRange("d", date(2024, 3, 5), date(2024, 3, 9)),
    )
    assert covering(date(2024, 3, 1), date(2024, 3, 1)) == ()
