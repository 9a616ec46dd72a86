"""Pure rules: certificate numbers, the completion rule, seats, fair figures, follow-up dates."""

from __future__ import annotations

import random
import uuid
from datetime import date

import pytest
from shared.seedwork import Conflict, InvalidTransition, InvalidValue
from training.domain.classes import certificate_number as numbers
from training.domain.classes.training_class import CompletionRule, TrainingClass
from training.domain.codes import ClassKind, PlacementChannel, TargetGroup
from training.domain.employment.fair import Fair, FairEmployer
from training.domain.employment.placement import Placement, months_after


def test_numbers_are_random_well_formed_and_checked() -> None:
    made = {numbers.new_number() for _ in range(2000)}
    assert len(made) == 2000
    for number in list(made)[:200]:
        assert numbers.canonical(numbers.display(number)) == number
        assert numbers.canonical(numbers.display(number).lower()) == number


@pytest.mark.parametrize("seed", range(40))
def test_any_single_typo_or_neighbour_swap_fails_the_check(seed: int) -> None:
    number = numbers.new_number(random.Random(seed).choice)
    body = number[2:]
    for i, char in enumerate(body):
        for other in numbers.ALPHABET:
            if other != char:
                assert numbers.canonical("GH" + body[:i] + other + body[i + 1 :]) is None
    for i in range(len(body) - 1):
        if body[i] != body[i + 1]:
            swapped = body[:i] + body[i + 1] + body[i] + body[i + 2 :]
            assert numbers.canonical("GH" + swapped) is None


def test_the_swap_luhn_cannot_see_is_never_issued() -> None:
    """0 and Z side by side swap unseen (Luhn mod 32): such a draw is thrown away."""
    assert numbers.canonical("GH" + "0Z" + "1" * 13 + numbers.check_char("0Z" + "1" * 13))
    assert numbers.canonical("GH" + "Z0" + "1" * 13 + numbers.check_char("0Z" + "1" * 13))
    draws = iter("0Z" + "1" * 13 + "Z0" + "1" * 13 + "2" * 15)
    assert numbers.new_number(lambda _: next(draws)) == (
        "GH" + "2" * 15 + numbers.check_char("2" * 15)
    )


@pytest.mark.parametrize(
    ("attended", "passed", "expected"),
    [(3, True, True), (2, True, False), (4, False, False), (4, None, False)],
)
def test_completion_rule(attended: int, passed: bool | None, expected: bool) -> None:
    rule = CompletionRule(min_attendance_percent=75, assessment_required=True)
    assert rule.is_met(attended, 4, passed) is expected
    assert CompletionRule(75, False).is_met(3, 4, None) is True


def a_class(capacity: int) -> TrainingClass:
    return TrainingClass.open(
        id=uuid.uuid4(), org_id=uuid.uuid4(), title="叉车", kind=ClassKind.SKILLS,
        provider="中心", venue="基地", starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 5),
        sessions_planned=5, capacity=capacity, target_groups=(TargetGroup.LAID_OFF,),
        rule=CompletionRule(),
    )  # fmt: skip


def test_seats_then_waiting_list_and_closed_classes() -> None:
    made = a_class(2)
    assert [made.take_seat() for _ in range(3)] == [True, True, False]
    made.free_seat()
    assert made.take_seat() is True
    made.finish()
    with pytest.raises(InvalidTransition):
        made.take_seat()
    with pytest.raises(InvalidValue):
        a_class(0)


def test_fair_figures_never_count_twice() -> None:
    fair = Fair.hold(uuid.uuid4(), uuid.uuid4(), "春风行动", "广场", date(2026, 2, 20))
    fair.add_employer(FairEmployer(None, "甲公司", 10))
    with pytest.raises(Conflict):
        fair.add_employer(FairEmployer(None, "甲公司", 5))
    fair.count_seekers(8)
    for _ in range(3):
        fair.register_seeker()
    figures = fair.figures
    assert (figures.registered_seekers, figures.walk_in_seekers, figures.seekers_attending) == (
        3,
        5,
        8,
    )
    fair.count_seekers(2)
    assert (fair.figures.walk_in_seekers, fair.figures.seekers_attending) == (0, 3)


def test_follow_ups_at_three_and_six_months_once_each() -> None:
    assert months_after(date(2026, 8, 31), 6) == date(2027, 2, 28)
    placement = Placement.record(
        id=uuid.uuid4(), seeker_id=uuid.uuid4(), org_id=uuid.uuid4(), person_id=uuid.uuid4(),
        member_id=None, employer_id=None, employer_name="甲公司", channel=PlacementChannel.OTHER,
        fair_id=None, posting_id=None, reemployment=True, placed_on=date(2026, 1, 31),
    )  # fmt: skip
    with pytest.raises(InvalidValue):
        placement.follow_up(3, True, date(2026, 4, 29))
    placement.follow_up(3, True, date(2026, 4, 30))
    with pytest.raises(Conflict):
        placement.follow_up(3, False, date(2026, 5, 30))
    with pytest.raises(InvalidValue):
        placement.follow_up(4, True, date(2026, 9, 30))
    with pytest.raises(InvalidValue):
        Placement.record(
            id=uuid.uuid4(), seeker_id=uuid.uuid4(), org_id=uuid.uuid4(), person_id=uuid.uuid4(),
            member_id=None, employer_id=None, employer_name="甲", channel=PlacementChannel.FAIR,
            fair_id=None, posting_id=None, reemployment=False, placed_on=date(2026, 1, 1),
        )  # fmt: skip
