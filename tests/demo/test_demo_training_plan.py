"""The demo's year of training as planned: nothing after today, classes overfilled a little (so
some wait), attendance only for sessions held, placements of registered seekers."""

from __future__ import annotations

from datetime import date

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
    assert len({i for i, _, _ in plan.placements}) == len(plan.placements)
    assert build_training_plan(build_plan(Size(employers=60, members=600)), today) == plan
