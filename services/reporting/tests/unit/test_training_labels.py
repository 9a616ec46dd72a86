"""The Chinese labels of training entries on a member timeline."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import uuid4

from reporting.adapters.queries.timeline import TimelineEntry
from reporting.entrypoints.api.timeline import label


def entry(event_type: str, **summary: Any) -> TimelineEntry:
    return TimelineEntry(uuid4(), event_type, date(2024, 5, 20), datetime(2024, 5, 20, 9),
                         uuid4(), summary)  # fmt: skip


def test_a_follow_up_says_after_how_many_months_and_what_it_found() -> None:
    kind = "training.placement.followed_up"
    assert label(entry(kind, months=3, still_employed=True)) == "就业回访（3个月）：在岗"
    assert label(entry(kind, months=6, still_employed=False)) == "就业回访（6个月）：离职"
    assert label(entry(kind, months=6)) == "就业回访"


def test_a_placement_says_whether_it_was_reemployment() -> None:
    kind = "training.placement.recorded"
    assert label(entry(kind, reemployment=True)) == "实现再就业"
    assert label(entry(kind, reemployment=False)) == "实现就业"
    assert label(entry("training.enrolment.enrolled")) == "报名入班"
