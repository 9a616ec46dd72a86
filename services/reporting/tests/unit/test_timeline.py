"""Dated changes become non-overlapping validity intervals."""

from __future__ import annotations

from datetime import date

from reporting.domain.timeline import Change, Interval, intervals


def test_each_change_closes_the_previous_interval() -> None:
    found = intervals(
        [
            Change(date(2024, 1, 1), "a"),
            Change(date(2024, 4, 1), "b"),
            Change(date(2024, 9, 1), None),
        ]
    )
    assert found == [
        Interval(date(2024, 1, 1), date(2024, 4, 1), "a"),
        Interval(date(2024, 4, 1), date(2024, 9, 1), "b"),
    ]


def test_an_open_timeline_ends_with_an_open_interval() -> None:
    assert intervals([Change(date(2024, 1, 1), "a")]) == [Interval(date(2024, 1, 1), None, "a")]


def test_a_later_record_for_the_same_or_an_earlier_day_supersedes() -> None:
    found = intervals(
        [
            Change(date(2024, 1, 1), "a"),
            Change(date(2024, 5, 1), "b"),
            Change(date(2024, 5, 1), "c"),
        ]
    )
    assert found == [
        Interval(date(2024, 1, 1), date(2024, 5, 1), "a"),
        Interval(date(2024, 5, 1), None, "c"),
    ]
    backdated = intervals([Change(date(2024, 6, 1), "a"), Change(date(2024, 3, 1), "b")])
    assert backdated == [Interval(date(2024, 3, 1), None, "b")]
