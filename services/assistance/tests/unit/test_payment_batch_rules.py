"""Batch items: who can be paid, in which order, and why the others are skipped."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from assistance.domain.aid.payment_batch import (
    Candidate,
    PaymentBatch,
    Selection,
    decide_items,
    eligible,
    percent_done,
)
from shared.seedwork import InvalidValue

TODAY = date(2025, 1, 20)


def on_file(household_id: UUID | None = None) -> Candidate:
    return Candidate(household_id or uuid4(), on_file=True, within_budget_org=True)


def test_the_first_payable_eligible_items_are_paid_the_rest_skipped() -> None:
    gone = Candidate(uuid4(), on_file=False, within_budget_org=True)
    elsewhere = Candidate(uuid4(), on_file=True, within_budget_org=False)
    a, b, c = on_file(), on_file(), on_file()
    outcomes = decide_items([a, gone, b, elsewhere, c], payable=2)
    assert [(o.candidate, o.status, o.reason) for o in outcomes] == [
        (a, "paid", None),
        (gone, "skipped", "not_on_file"),
        (b, "paid", None),
        (elsewhere, "skipped", "outside_budget_org"),
        (c, "skipped", "budget_exhausted"),
    ]
    assert eligible([a, gone, b, elsewhere, c]) == [a, b, c]


def test_nothing_is_paid_without_a_grant() -> None:
    outcomes = decide_items([on_file(), on_file()], payable=0)
    assert {o.reason for o in outcomes} == {"budget_exhausted"}


def test_a_selection_is_by_org_or_by_list_and_lists_a_household_once() -> None:
    first, second = uuid4(), uuid4()
    listed = Selection.of(org_id=None, levels=[], household_ids=[first, second, first])
    assert listed.household_ids == (first, second)
    by_org = Selection.of(org_id=uuid4(), levels=["deep", "deep"], household_ids=[])
    assert by_org.levels == ("deep",)
    neither: dict[str, Any] = {"org_id": None, "levels": [], "household_ids": []}
    both: dict[str, Any] = {"org_id": uuid4(), "levels": [], "household_ids": [first]}
    for bad in (neither, both):
        with pytest.raises(InvalidValue) as error:
            Selection.of(**bad)
        assert error.value.field == "selection"
    with pytest.raises(InvalidValue) as error:
        Selection.of(org_id=uuid4(), levels=["poor"], household_ids=[])
    assert error.value.field == "selection.levels"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount_fen": 0}, "amount_fen"),
        ({"amount_fen": 99.5}, "amount_fen"),
        ({"programme": "lottery"}, "programme"),
        ({"method": "cheque"}, "method"),
        ({"paid_on": TODAY + timedelta(days=1)}, "paid_on"),
        ({"paid_on": date(2014, 12, 31), "year": 2014}, "paid_on"),  # before the history limit
        ({"paid_on": date(2024, 12, 31)}, "paid_on"),  # last year's day, this year's budget
        ({"year": 2024}, "paid_on"),  # today's day, last year's budget
    ],
)
def test_a_batch_needs_a_positive_amount_known_codes_and_a_past_date(
    changes: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {
        "batch_id": uuid4(),
        "programme": "festival_consolation",
        "year": 2025,
        "budget_id": uuid4(),
        "budget_org_id": uuid4(),
        "amount_fen": 50_000,
        "method": "cash",
        "paid_on": TODAY,
        "selection": Selection(org_id=uuid4()),
        "created_by": "officer",
        "today": TODAY,
    }
    with pytest.raises(InvalidValue) as error:
        PaymentBatch.start(**{**arguments, **changes})  # type: ignore[arg-type]
    assert error.value.field == field


def test_a_batch_of_last_year_is_dated_in_last_year() -> None:
    batch = PaymentBatch.start(
        batch_id=uuid4(), programme="festival_consolation", year=2024, budget_id=uuid4(),
        budget_org_id=uuid4(), amount_fen=50_000, method="cash", paid_on=date(2024, 1, 31),
        selection=Selection(org_id=uuid4()), created_by="officer", today=TODAY,
    )  # fmt: skip
    assert (batch.year, batch.paid_on) == (2024, date(2024, 1, 31))


def test_progress() -> None:
    assert percent_done(0, 0) == 100.0
    assert percent_done(3, 1) == 33.3
    assert percent_done(300, 300) == 100.0
