"""The hardship file's lifecycle rules: each transition allowed or refused, events at filing."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest
from assistance.domain.households.circumstances import Circumstances
from assistance.domain.households.events import (
    HouseholdCancelled,
    HouseholdExited,
    HouseholdFiled,
    HouseholdFlagged,
    HouseholdFormalised,
    HouseholdRelocated,
    HouseholdReverified,
)
from assistance.domain.households.household import Household, review_due_before
from assistance.domain.households.people import SealedHead, SealedRelative
from shared.seedwork import InvalidTransition, InvalidValue

TODAY = date(2025, 6, 30)


def circumstances(level: str = "deep", *, temporary: bool = False) -> Circumstances:
    return Circumstances.parse(
        level=level, causes=["illness"], monthly_income_per_capita_fen=98000, temporary=temporary
    )


def draft(*, temporary: bool = False) -> Household:
    head = SealedHead(uuid4(), b"n", "head-index", b"i")
    family = (SealedRelative("spouse", b"n", "spouse-index", b"i"), SealedRelative("child", b"n"))
    return Household.draft(
        household_id=uuid4(),
        org_id=uuid4(),
        employer_id=None,
        head=head,
        family=family,
        circumstances=circumstances(temporary=temporary),
        today=TODAY,
    )


def filed(*, temporary: bool = False) -> Household:
    household = draft(temporary=temporary)
    household.submit()
    household.file(TODAY)
    household.events.clear()
    return household


def test_a_draft_publishes_nothing_until_filed() -> None:
    household = draft()
    household.submit()
    assert household.events == []
    household.file(TODAY)
    [recorded] = household.events
    assert isinstance(recorded.event, HouseholdFiled)
    assert recorded.event.family_size == 3
    assert recorded.aggregate_version == household.version
    assert household.status == "filed"
    assert household.last_verified_on == TODAY


def test_returned_file_is_completed_and_submitted_again() -> None:
    household = draft()
    household.submit()
    household.return_for_completion("缺少医疗诊断证明")
    assert household.status == "returned"
    household.edit(circumstances=circumstances("relative"))
    household.submit()
    household.file(TODAY)
    assert household.circumstances.level == "relative"
    assert household.return_note is None


@pytest.mark.parametrize(
    ("prepare", "action"),
    [
        ("draft", lambda h: h.file(TODAY)),
        ("draft", lambda h: h.return_for_completion("x")),
        ("draft", lambda h: h.exit("reemployed", TODAY)),
        ("draft", lambda h: h.reverify(circumstances(), TODAY)),
        ("submitted", lambda h: h.submit()),
        ("submitted", lambda h: h.edit(circumstances=circumstances())),
        ("filed", lambda h: h.submit()),
        ("filed", lambda h: h.file(TODAY)),
        ("filed", lambda h: h.edit(circumstances=circumstances())),
        ("filed", lambda h: h.formalise(TODAY)),
        ("exited", lambda h: h.cancel("other", TODAY)),
        ("exited", lambda h: h.exit("other", TODAY)),
        ("cancelled", lambda h: h.reverify(circumstances(), TODAY)),
    ],
)
def test_refused_transitions_change_nothing(prepare: str, action: object) -> None:
    household = {"draft": draft, "filed": filed}.get(prepare, draft)()
    if prepare == "submitted":
        household.submit()
    if prepare == "exited":
        household = filed()
        household.exit("income_improved", TODAY)
    if prepare == "cancelled":
        household.cancel("duplicate", TODAY)
    status, version = household.status, household.version
    with pytest.raises(InvalidTransition):
        action(household)  # type: ignore[operator]
    assert (household.status, household.version) == (status, version)


def test_a_temporary_file_is_made_formal_once() -> None:
    household = filed(temporary=True)
    household.formalise(TODAY)
    assert not household.circumstances.temporary
    assert isinstance(household.events[-1].event, HouseholdFormalised)
    with pytest.raises(InvalidTransition):
        household.formalise(TODAY)


def test_reverification_may_change_the_level_and_clears_flags() -> None:
    household = filed()
    household.flag("head_left_union", TODAY)
    later = TODAY + timedelta(days=300)
    household.reverify(circumstances("relative"), later)
    event = household.events[-1].event
    assert isinstance(event, HouseholdReverified)
    assert (event.previous_level, event.level) == ("deep", "relative")
    assert household.last_verified_on == later
    assert household.flags == frozenset()


def test_overdue_after_twelve_months_without_reverification() -> None:
    household = filed()
    assert not household.is_overdue(TODAY + timedelta(days=365))
    assert household.is_overdue(TODAY + timedelta(days=366))
    assert review_due_before(date(2025, 6, 30)) == date(2024, 6, 30)
    assert not draft().is_overdue(TODAY + timedelta(days=900))


def test_exit_and_cancel_close_the_file() -> None:
    exited = filed()
    exited.exit("reemployed", TODAY)
    assert (exited.status, exited.is_open) == ("exited", False)
    assert isinstance(exited.events[-1].event, HouseholdExited)
    cancelled = filed()
    cancelled.cancel("deceased", TODAY)
    assert isinstance(cancelled.events[-1].event, HouseholdCancelled)
    never_filed = draft()
    never_filed.cancel("duplicate", TODAY)
    assert never_filed.status == "cancelled"
    assert never_filed.events == []


def test_flags_once_and_relocates_only_open_files() -> None:
    household = filed()
    assert household.flag("head_left_union", TODAY)
    assert not household.flag("head_left_union", TODAY)
    assert [type(r.event) for r in household.events] == [HouseholdFlagged]
    new_org = uuid4()
    assert household.relocate(new_org, None, "head_transferred", TODAY)
    moved = household.events[-1].event
    assert isinstance(moved, HouseholdRelocated)
    assert moved.org_id == new_org
    household.exit("other", TODAY)
    assert not household.relocate(uuid4(), None, "head_transferred", TODAY)
    assert not household.flag("head_retained", TODAY)


def test_a_person_cannot_appear_twice_in_one_household() -> None:
    household = draft()
    twin = (SealedRelative("sibling", b"n", "head-index", b"i"),)
    with pytest.raises(InvalidValue) as refused:
        household.edit(family=twin)
    assert refused.value.field == "family[0].id_number"


@pytest.mark.parametrize(
    ("fields", "at_fault"),
    [
        ({"level": "poor"}, "level"),
        ({"causes": []}, "causes"),
        ({"causes": ["illness", "bad_luck"]}, "causes[1]"),
        ({"monthly_income_per_capita_fen": -1}, "monthly_income_per_capita_fen"),
        ({"monthly_income_per_capita_fen": 1.5}, "monthly_income_per_capita_fen"),
    ],
)
def test_circumstances_refuse_bad_codes_and_amounts(
    fields: dict[str, object], at_fault: str
) -> None:
    values: dict[str, object] = {
        "level": "deep",
        "causes": ["illness"],
        "monthly_income_per_capita_fen": 0,
        "temporary": False,
        **fields,
    }
    with pytest.raises(InvalidValue) as refused:
        Circumstances.parse(**values)  # type: ignore[arg-type]
    assert refused.value.field == at_fault
