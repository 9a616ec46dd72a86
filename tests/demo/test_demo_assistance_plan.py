"""The demo's year of hardship assistance as planned: dated in order, never after today, heads
who are active members, and expected figures that follow from the plan's items."""

from __future__ import annotations

from datetime import date

import pytest
from shared.identifiers import validate_id_number

from demo.assistance_expected import expected_assistance
from demo.assistance_generate import build_assistance_plan
from demo.assistance_plan import (
    FESTIVAL_GIFT_FEN,
    STUDENT_GRANT_FEN,
    AssistancePlan,
    festival_cutoff,
)
from demo.generate import build_plan
from demo.plan import Plan, Size

SMALL = Size(employers=20, members=200)
LATE_AUTUMN = date(2026, 11, 21)
DAYS = (date(2026, 1, 4), date(2026, 2, 8), date(2026, 9, 15), LATE_AUTUMN, date(2026, 12, 31))


def _plans() -> list[tuple[Plan, AssistancePlan]]:
    plans: list[tuple[Plan, AssistancePlan]] = []
    for size in (Size(), SMALL):
        plan = build_plan(size)
        plans.extend((plan, build_assistance_plan(plan, today)) for today in DAYS)
    return plans


PLANS = _plans()


def _dates(assist: AssistancePlan) -> list[date]:
    found = [h.filed_on for h in assist.households]
    found += [h.formalised_on for h in assist.households if h.formalised_on]
    found += [h.closing.on for h in assist.households if h.closing]
    found += [b.paid_on for b in assist.batches] + [v.visited_on for v in assist.visits]
    if assist.campaign is not None:
        found += [assist.campaign.opens_on, *(r.received_on for r in assist.campaign.receipts)]
    found += [e.enrolled_on for e in assist.enrolments] + [c.paid_on for c in assist.claims]
    return found


@pytest.mark.parametrize(("plan", "assist"), PLANS)
def test_everything_is_dated_in_the_year_and_never_after_today(
    plan: Plan, assist: AssistancePlan
) -> None:
    assert all(date(assist.year, 1, 1) <= day <= assist.today for day in _dates(assist))


@pytest.mark.parametrize(("plan", "assist"), PLANS)
def test_each_file_steps_in_order(plan: Plan, assist: AssistancePlan) -> None:
    for household in assist.households:
        closed = household.closing.on if household.closing else date.max
        if household.formalised_on is not None:
            assert household.temporary
            assert household.filed_on < household.formalised_on < closed
        for visit in (v for v in assist.visits if v.household == household.key):
            assert household.filed_on <= visit.visited_on < closed
        for batch in (b for b in assist.batches if household.key in b.households):
            assert household.filed_on < batch.paid_on < closed
    for application in assist.applications:
        assert assist.household(application.household).closing is None
    enrolled = {e.member.index: e.enrolled_on for e in assist.enrolments}
    assert all(enrolled[c.member.index] < c.paid_on for c in assist.claims)
    if assist.campaign is not None:
        campaign = assist.campaign
        assert all(
            campaign.opens_on <= r.received_on <= campaign.closes_on for r in campaign.receipts
        )


@pytest.mark.parametrize(("plan", "assist"), PLANS)
def test_heads_are_active_members_and_nobody_is_on_two_files(
    plan: Plan, assist: AssistancePlan
) -> None:
    moved = {movement.member for movement in plan.movements}
    heads = [h.head for h in assist.households]
    assert all(plan.members[head.index] == head and head.index not in moved for head in heads)
    assert all(e.member.index not in moved for e in assist.enrolments)
    relatives = [r.id_number for h in assist.households for r in h.family if r.id_number]
    people = [head.id_number for head in heads] + relatives
    assert len(set(people)) == len(people)
    assert not set(relatives) & {m.id_number for m in plan.members}
    assert all(validate_id_number(number, today=assist.today) for number in relatives)


@pytest.mark.parametrize(("plan", "assist"), PLANS)
def test_expected_figures_add_up_from_the_plan(plan: Plan, assist: AssistancePlan) -> None:
    expected = expected_assistance(assist)
    households, aid, visits = expected["households"], expected["aid"], expected["visits"]

    assert (
        households["on_file"]
        == households["filed"] - households["exited"] - households["cancelled"]
    )
    assert households["on_file"] == sum(
        households[level] for level in ("deep", "relative", "accident")
    )
    programmes = aid["by_programme"].values()
    assert aid["payments"] == sum(p["payments"] for p in programmes)
    assert aid["amount_fen"] == sum(p["amount_fen"] for p in programmes)
    assert visits["visits"] == sum(visits["by_occasion"].values())
    assert visits["employers"] <= visits["households"] <= households["filed"]
    approved = [a for a in assist.applications if a.approved_fen is not None]
    assert aid["by_programme"]["medical_aid"]["amount_fen"] == sum(
        a.approved_fen or 0 for a in approved if a.programme == "medical_aid"
    )


def test_the_default_year_as_of_late_november_has_all_it_promises() -> None:
    plan = build_plan(Size())
    assist = build_assistance_plan(plan, LATE_AUTUMN)
    expected = expected_assistance(assist)
    by_programme = expected["aid"]["by_programme"]

    assert len(assist.households) == 40
    assert {h.level for h in assist.households} == {"deep", "relative", "accident"}
    early = [h for h in assist.households if h.filed_on <= festival_cutoff(2026)]
    assert by_programme["festival_consolation"] == {
        "payments": len(early),
        "amount_fen": len(early) * FESTIVAL_GIFT_FEN,
    }
    assert expected["visits"]["by_occasion"]["festival"] == len(early)
    assert by_programme["student_aid"] == {"payments": 5, "amount_fen": 5 * STUDENT_GRANT_FEN}
    assert expected["visits"]["by_occasion"]["university_entry"] == 5
    assert by_programme["summer_relief"]["payments"] > 0
    assert 3 <= expected["households"]["exited"] <= 4
    assert expected["households"]["cancelled"] == 1
    assert sum(h.formalised_on is not None for h in assist.households) >= 2
    assert [a.rejection_reason is not None for a in assist.applications].count(True) == 1
    assert expected["donations"] == {"receipts": 60, "amount_fen": 4_546_000}
    assert expected["insurance"]["enrolments"] == 100
    assert expected["insurance"]["claims"] == 8


def test_the_plan_is_the_same_for_the_same_seed_and_day() -> None:
    plan = build_plan(SMALL)

    assert build_assistance_plan(plan, LATE_AUTUMN) == build_assistance_plan(plan, LATE_AUTUMN)
    earlier = build_assistance_plan(plan, date(2026, 6, 30))
    later = build_assistance_plan(plan, LATE_AUTUMN)
    assert {h.key for h in earlier.households} <= {h.key for h in later.households}
    assert len(earlier.visits) < len(later.visits)
