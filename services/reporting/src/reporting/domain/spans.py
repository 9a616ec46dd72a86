"""Calendar spans: a date range as the fewest whole decades, years, months and days.

Totals are kept per day, month, year and decade (see migration 004). Summing a range then
reads the decades lying wholly inside it, the years inside it but outside those decades, and
so on down to the days: every day of the range exactly once, and few rows.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Literal, NamedTuple

Span = Literal["d", "m", "y", "c"]
LEVELS: tuple[Span, ...] = ("c", "y", "m", "d")  # coarsest first
EVER = date.min  # the first day a range can start on: "everything up to"


class SpanRange(NamedTuple):
    """Rows of ``span`` starting on a day in [first, after) lie wholly inside the range."""

    span: Span
    first: date
    after: date


def span_start(span: Span, day: date) -> date:
    """The first day of the ``span`` holding ``day`` (the first decade starts in year 1)."""
    if span == "c":
        return date(max(1, day.year - day.year % 10), 1, 1)
    if span == "y":
        return day.replace(month=1, day=1)
    if span == "m":
        return day.replace(day=1)
    return day


@functools.lru_cache(maxsize=4096)
def covering(first: date, after: date, level: int = 0) -> tuple[SpanRange, ...]:
    """The span ranges covering every day of [first, after) exactly once.

    Reports ask for the same few ranges for every organisation of a subtree: kept in memory.
    """
    if first >= after:
        return ()
    span = LEVELS[level]
    if span == "d":
        return (SpanRange("d", first, after),)
    inner_first, inner_after = _next_start(span, first), span_start(span, after)
    if inner_first >= inner_after:  # not one whole span of this size inside
        return covering(first, after, level + 1)
    return (
        *covering(first, inner_first, level + 1),
        SpanRange(span, inner_first, inner_after),
        *covering(inner_after, after, level + 1),
    )


def _next_start(span: Span, day: date) -> date:
    """The first day of a ``span`` on or after ``day``."""
    start = span_start(span, day)
    if start == day:
        return day
    if span == "c":
        return date(day.year - day.year % 10 + 10, 1, 1)
    if span == "y":
        return date(day.year + 1, 1, 1)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
