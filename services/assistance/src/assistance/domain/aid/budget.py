"""帮扶项目年度预算: an organisation's yearly budget for one programme.

``amount_fen`` is the budget; approvals reserve from it (``reserved_fen``) and payments turn
reservations, or batch payments directly, into ``paid_fen``. The invariant every change keeps:
``reserved_fen + paid_fen <= amount_fen``. The SQL adapter applies each change below as one
conditional UPDATE with the same arithmetic, so concurrent approvals cannot overspend; these
methods state the rule and serve the in-memory fakes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, ConcurrentModification, InvalidValue, RecordedEvent

from assistance.domain.aid.codes import PROGRAMMES, Programme
from assistance.domain.aid.errors import BudgetExhausted
from assistance.domain.aid.events import BudgetAllocated
from assistance.domain.amounts import ensure_amount, ensure_year


def ensure_programme(programme: str, *, field: str = "programme") -> Programme:
    """A programme code of the contracts.

    Raises:
        InvalidValue: an unknown programme.
    """
    if programme not in PROGRAMMES:
        raise InvalidValue("帮扶项目代码无效：" + "、".join(PROGRAMMES), field=field)
    return Programme(programme)


@dataclass(eq=False)
class Budget(Aggregate):
    """One (organisation, programme, year) budget; ``version`` counts its allocations."""

    id: UUID
    org_id: UUID
    programme: Programme
    year: int
    amount_fen: int
    reserved_fen: int = 0
    paid_fen: int = 0
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        *,
        budget_id: UUID,
        org_id: UUID,
        programme: str,
        year: int,
        amount_fen: int,
        today: date,
    ) -> Budget:
        """Set a budget for the first time.

        Raises:
            InvalidValue: unknown programme, year out of range, negative or fractional amount.
        """
        budget = cls(
            id=budget_id,
            org_id=org_id,
            programme=ensure_programme(programme),
            year=ensure_year(year),
            amount_fen=0,
        )
        budget.allocate(amount_fen, today=today)
        return budget

    @property
    def committed_fen(self) -> int:
        """Reserved for approved applications plus already paid."""
        return self.reserved_fen + self.paid_fen

    @property
    def available_fen(self) -> int:
        """What approvals and batches may still take."""
        return self.amount_fen - self.committed_fen

    def allocate(self, amount_fen: int, *, today: date) -> None:
        """Set the budget's new total.

        Raises:
            InvalidValue: a negative or fractional amount, or one below what is already
                reserved or paid (a budget is never cut below its commitments).
        """
        ensure_amount(amount_fen, field="amount_fen", label="预算金额", zero_ok=True)
        if amount_fen < self.committed_fen:
            raise InvalidValue(
                f"预算不能低于已占用和已发放的合计 {self.committed_fen} 分", field="amount_fen"
            )
        self.amount_fen = amount_fen
        self._record(
            BudgetAllocated(
                budget_id=self.id,
                org_id=self.org_id,
                programme=self.programme,
                year=self.year,
                amount_fen=amount_fen,
                allocated_on=today,
            )
        )

    def reserve(self, amount_fen: int) -> None:
        """Reserve an approved amount.

        Raises:
            BudgetExhausted: the available amount does not cover it; nothing changes.
        """
        if amount_fen > self.available_fen:
            raise BudgetExhausted(
                f"预算余额 {self.available_fen} 分，不足以核定 {amount_fen} 分",
                field="approved_fen",
            )
        self.reserved_fen += amount_fen

    def settle(self, amount_fen: int) -> None:
        """Turn a reservation into a payment.

        Raises:
            ConcurrentModification: less is reserved than the payment settles (a bug or a
                concurrent change); nothing changes.
        """
        if amount_fen > self.reserved_fen:
            raise ConcurrentModification("预算占用额与发放金额不符，请刷新后重试")
        self.reserved_fen -= amount_fen
        self.paid_fen += amount_fen

    def release(self, amount_fen: int) -> None:
        """Give a reservation back (its payment was cancelled)."""
        if amount_fen > self.reserved_fen:
            raise ConcurrentModification("预算占用额与撤销金额不符，请刷新后重试")
        self.reserved_fen -= amount_fen

    def pay_up_to(self, count: int, each_fen: int) -> int:
        """Pay as many of ``count`` payments of ``each_fen`` as the available amount covers.

        Returns:
            How many are paid (0 … ``count``); that many times ``each_fen`` is now paid.
        """
        payable = payable_count(self.available_fen, count, each_fen)
        self.paid_fen += payable * each_fen
        return payable


def payable_count(available_fen: int, count: int, each_fen: int) -> int:
    """How many payments of ``each_fen`` fit in ``available_fen``, at most ``count``."""
    if each_fen <= 0:
        raise ValueError("each payment must be positive")
    return max(0, min(count, available_fen // each_fen))
