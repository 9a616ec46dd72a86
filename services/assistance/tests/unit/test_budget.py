"""Budget arithmetic: reserved + paid never beyond the amount."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from assistance.domain.aid.budget import Budget, payable_count
from assistance.domain.aid.errors import BudgetExhausted
from assistance.domain.aid.events import BudgetAllocated
from shared.seedwork import ConcurrentModification, InvalidValue

TODAY = date(2025, 6, 30)


def budget(amount_fen: int = 10_000) -> Budget:
    return Budget.open(
        budget_id=uuid4(),
        org_id=uuid4(),
        programme="medical_aid",
        year=2025,
        amount_fen=amount_fen,
        today=TODAY,
    )


def test_opening_records_the_allocation() -> None:
    b = budget(10_000)
    assert (b.amount_fen, b.reserved_fen, b.paid_fen, b.available_fen) == (10_000, 0, 0, 10_000)
    [recorded] = b.events
    assert recorded.aggregate_version == 1
    assert isinstance(recorded.event, BudgetAllocated)
    assert recorded.event.amount_fen == 10_000


@pytest.mark.parametrize("amount", [-1, 1.5, "100", True])
def test_negative_or_fractional_amounts_are_refused(amount: object) -> None:
    with pytest.raises(InvalidValue) as error:
        budget(amount)  # type: ignore[arg-type]
    assert error.value.field == "amount_fen"


def test_unknown_programme_and_year_are_refused() -> None:
    with pytest.raises(InvalidValue) as error:
        Budget.open(
            budget_id=uuid4(),
            org_id=uuid4(),
            programme="lottery",
            year=2025,
            amount_fen=1,
            today=TODAY,
        )
    assert error.value.field == "programme"
    with pytest.raises(InvalidValue) as error:
        Budget.open(
            budget_id=uuid4(),
            org_id=uuid4(),
            programme="student_aid",
            year=1999,
            amount_fen=1,
            today=TODAY,
        )
    assert error.value.field == "year"


def test_reserve_settle_and_release_keep_the_sum() -> None:
    b = budget(10_000)
    b.reserve(6_000)
    b.reserve(4_000)
    assert b.available_fen == 0
    with pytest.raises(BudgetExhausted):
        b.reserve(1)
    b.settle(6_000)
    b.release(4_000)
    assert (b.reserved_fen, b.paid_fen, b.available_fen) == (0, 6_000, 4_000)


def test_a_failed_reservation_changes_nothing() -> None:
    b = budget(5_000)
    b.reserve(3_000)
    with pytest.raises(BudgetExhausted) as error:
        b.reserve(2_001)
    assert error.value.field == "approved_fen"
    assert (b.reserved_fen, b.available_fen) == (3_000, 2_000)


def test_settling_more_than_reserved_is_refused() -> None:
    b = budget(5_000)
    b.reserve(1_000)
    with pytest.raises(ConcurrentModification):
        b.settle(1_001)
    with pytest.raises(ConcurrentModification):
        b.release(1_001)
    assert (b.reserved_fen, b.paid_fen) == (1_000, 0)


def test_the_total_cannot_be_cut_below_commitments() -> None:
    b = budget(10_000)
    b.reserve(3_000)
    b.reserve(2_000)
    b.settle(2_000)
    with pytest.raises(InvalidValue) as error:
        b.allocate(4_999, today=TODAY)
    assert error.value.field == "amount_fen"
    b.allocate(5_000, today=TODAY)
    assert (b.amount_fen, b.available_fen, b.version) == (5_000, 0, 2)


def test_batch_payments_stop_at_the_available_amount() -> None:
    b = budget(10_000)
    b.reserve(1_000)
    assert b.pay_up_to(5, 2_000) == 4
    assert (b.paid_fen, b.available_fen) == (8_000, 1_000)
    assert b.pay_up_to(3, 2_000) == 0
    assert b.paid_fen == 8_000


@pytest.mark.parametrize(
    ("available", "count", "each", "expected"),
    [(0, 5, 100, 0), (99, 5, 100, 0), (100, 5, 100, 1), (1_000, 5, 100, 5), (-5, 3, 1, 0)],
)
def test_payable_count(available: int, count: int, each: int, expected: int) -> None:
    assert payable_count(available, count, each) == expected
