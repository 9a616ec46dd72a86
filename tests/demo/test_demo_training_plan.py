"""The demo's year of training as planned: nothing after today, classes overfilled a little (so
some wait), attendance only for sessions held, placements of registered seekers."""

from __future__ import annotations

from datetime import date, timedelta

from demo.generate import build_plan
from demo.plan import Size
from demo.training_plan import build_training_plan


def test_the_year_of_training_is_dated_and_consistent() -> None:
    today = date(2026, 12, 4)
    plan = build_training_plan(build_plan(Size(employers=60, members=600)), today)
    assert plan.classes
    assert all(c.starts_on <= today for c in plan.classes)
    assert any(len(c.people) > c.capacity for c in plan.classes)
    for made in plan.classes:
        assert len({p.id_number for p in made.people}) == len(made.people)
        assert len(made.marks) <= made.sessions
        assert all(len(marks) == min(made.capacity, len(made.people)) for marks in made.marks)
        assert made.completes == (made.ends_on < today)
    assert plan.fair_on <= today
    assert all(d <= today and 0 <= i < len(plan.seekers) for i, _, d in plan.placements)
    # a seeker registers by the fair, never after their placement (which may not precede it)
    for i, channel, day in plan.placements:
        assert plan.registered_on(i) <= min(day, plan.fair_on)
        assert channel != "fair" or day >= plan.fair_on
    assert len({i for i, _, _ in plan.placements}) == len(plan.placements)
    assert build_training_plan(build_plan(Size(employers=60, members=600)), today) == plan


def test_enrolments_fall_in_the_periods_of_their_classes() -> None:
    today = date(2026, 12, 4)
    plan = build_training_plan(build_plan(Size(employers=60, members=600)), today)
    months: set[int] = set()
    for made in plan.classes:
        days = made.enrolment_days(today)
        assert len(days) == len(made.people)
        assert days == sorted(days)  # in order of arrival: the last ones wait
        assert all(d <= min(made.starts_on, today) for d in days)
        assert all((made.starts_on - d).days <= 14 for d in days)
        # the class's own month: its seats count in the same month, quarter and year as it
        assert {(d.year, d.month) for d in days} == {(made.starts_on.year, made.starts_on.month)}
        months |= {d.month for d in days}
    assert len(months) >= 10  # a history across the year, not one day


def test_the_january_class_seats_count_in_its_own_year() -> None:
    today = date(2026, 12, 30)  # a fortnight before the January class lies in the year before
    plan = build_training_plan(build_plan(Size(employers=60, members=600)), today)
    january = plan.classes[0]
    assert january.starts_on.month == 1
    assert min(january.enrolment_days(today)) >= date(2026, 1, 1)
    assert min(january.enrolment_days(today)) >= today - timedelta(days=365)


def test_attendance_is_dated_by_session_within_the_class() -> None:
    today = date(2026, 12, 4)
    plan = build_training_plan(build_plan(Size(employers=60, members=600)), today)
    dated = 0
    for made in plan.classes:
        days = made.session_days()
        assert len(days) == len(made.marks)
        assert days == sorted(set(days))  # one day per session, in order
        assert all(made.starts_on <= d < min(made.ends_on, today) for d in days)
        if made.completes:
            assert days  # every session of an ended class was held, the last before its end
            assert days[-1] < made.ends_on
        dated += len(days)
    assert dated > len(plan.classes)  # several sessions each, not one day for all
