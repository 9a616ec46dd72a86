"""Ports of aid programmes: budgets, applications, payments and festival batches.

:class:`AidRepositories` declares them on the unit of work (``AbstractUnitOfWork`` derives
from it) and :data:`REPOSITORIES` lists them in the order their rows must be written
(foreign keys: budgets, then applications and batches, then payments).
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from uuid import UUID

from shared.tracking import TrackingRepository

from assistance.domain.aid.application import Application
from assistance.domain.aid.budget import Budget
from assistance.domain.aid.payment import Payment
from assistance.domain.aid.payment_batch import Candidate, ItemOutcome, PaymentBatch


class BudgetRepository(TrackingRepository[Budget]):
    """Yearly programme budgets; one per (organisation, programme, year).

    The ledger methods change ``reserved_fen``/``paid_fen`` at once, each in one conditional
    statement that keeps ``reserved + paid <= amount`` under concurrency (no read-then-write):
    they return whether (or how much of) the change was possible, and change nothing otherwise.
    Writing a changed allocation checks the version and that the new amount still covers what
    is reserved and paid.
    """

    async def find(self, org_id: UUID, programme: str, year: int) -> Budget | None:
        """The budget of this organisation, programme and year, if set."""
        for budget in self.seen:
            if (budget.org_id, budget.programme, budget.year) == (org_id, programme, year):
                return budget
        found = await self._find(org_id, programme, year)
        return self._track(found) if found is not None else None

    @abc.abstractmethod
    async def _find(self, org_id: UUID, programme: str, year: int) -> Budget | None: ...

    @abc.abstractmethod
    async def reserve(self, budget_id: UUID, amount_fen: int) -> bool:
        """Reserve ``amount_fen`` if available; False (nothing changed) when it is not."""

    @abc.abstractmethod
    async def settle(self, budget_id: UUID, amount_fen: int) -> bool:
        """Move ``amount_fen`` from reserved to paid; False when less is reserved."""

    @abc.abstractmethod
    async def release(self, budget_id: UUID, amount_fen: int) -> bool:
        """Return a reservation; False when less is reserved."""

    @abc.abstractmethod
    async def pay_up_to(self, budget_id: UUID, count: int, each_fen: int) -> int:
        """Pay as many of ``count`` × ``each_fen`` as available; how many were paid."""


class ApplicationRepository(TrackingRepository[Application]):
    """Applications for aid."""


class PaymentRepository(TrackingRepository[Payment]):
    """Payment orders; one per approved application, one per household in a batch."""

    async def get_for_update(self, payment_id: UUID) -> Payment | None:
        """The payment, its row locked until the unit ends: a concurrent disbursement of the
        same payment waits, then finds it paid."""
        tracked = self._tracked(payment_id)
        if tracked is not None:
            return tracked
        found = await self._get_for_update(payment_id)
        return self._track(found) if found is not None else None

    @abc.abstractmethod
    async def _get_for_update(self, payment_id: UUID) -> Payment | None: ...


class PaymentBatchRepository(TrackingRepository[PaymentBatch]):
    """Festival payment batches and their items (one per household)."""

    @abc.abstractmethod
    async def list_items(self, batch: PaymentBatch) -> int:
        """List the selected households as the batch's pending items; how many were listed.

        By organisation: households on file within the selection's subtree (and levels). By
        list: every distinct id given, checked only when paid.
        """

    @abc.abstractmethod
    async def claim_pending(self, batch: PaymentBatch, limit: int) -> list[Candidate]:
        """Up to ``limit`` pending items, in order, with what is known of their households now;
        the items stay locked until the unit ends."""

    @abc.abstractmethod
    async def record_outcomes(
        self,
        batch: PaymentBatch,
        outcomes: Sequence[ItemOutcome],
        payment_ids: Sequence[UUID | None],
    ) -> None:
        """Mark the items paid (with their payment) or skipped (with the reason); count them."""

    @abc.abstractmethod
    async def complete_if_done(self, batch_id: UUID) -> bool:
        """Mark the batch completed when no item is pending; whether it is completed."""

    @abc.abstractmethod
    async def running(self) -> list[UUID]:
        """Ids of the batches not completed (to resume after a restart)."""


class AidRepositories:
    """The aid repositories a unit of work carries."""

    budgets: BudgetRepository
    applications: ApplicationRepository
    payment_batches: PaymentBatchRepository
    payments: PaymentRepository


REPOSITORIES: tuple[str, ...] = ("budgets", "applications", "payment_batches", "payments")
"""Attribute names of :class:`AidRepositories`, in the order their rows must be written."""
