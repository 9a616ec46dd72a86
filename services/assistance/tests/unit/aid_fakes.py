"""In-memory aid repositories for the unit tests; ``fakes.FAKE_REPOSITORIES`` includes them.

Like the other fakes, they keep copies in the store's tables and write only at commit: ledger
changes to budgets, batch items and counters are held per unit and applied at flush, checked
against the committed state as the SQL statements check the rows.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar
from uuid import UUID

from assistance.domain.aid.budget import Budget
from assistance.domain.aid.payment import Payment
from assistance.domain.aid.payment_batch import Candidate, ItemOutcome, PaymentBatch
from assistance.domain.giving.errors import AlreadyEnrolled
from assistance.service_layer.aid import ports
from assistance.service_layer.giving import ports as giving_ports
from shared.seedwork import Aggregate, ConcurrentModification, Conflict, InvalidValue
from shared.tracking import Changed

A = TypeVar("A", bound=Aggregate)


def _write(table: dict[UUID, A], added: Sequence[A], changed: Sequence[Changed[A]]) -> None:
    for aggregate in added:
        if aggregate.id in table:
            raise Conflict("记录已存在")
    for change in changed:
        if table[change.aggregate.id].version != change.loaded_version:
            raise ConcurrentModification("记录已被他人修改，请刷新后重试")
    for aggregate in [*added, *(change.aggregate for change in changed)]:
        stored = copy.deepcopy(aggregate)
        stored.events = []
        table[aggregate.id] = stored


class _Table:
    """A repository over one table of the store."""

    name = ""

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store
        self.table: dict[UUID, Any] = store.table(self.name)

    async def _get(self, aggregate_id: UUID) -> Any:
        found = self.table.get(aggregate_id)
        return copy.deepcopy(found) if found else None

    async def _persist(self, added: Sequence[Any], changed: Sequence[Changed[Any]]) -> None:
        _write(self.table, added, changed)


class FakeBudgetRepository(_Table, ports.BudgetRepository):
    name = "budgets"

    def reset(self) -> None:
        super().reset()
        self.ledger: dict[UUID, Budget] = {}

    def _now(self, budget_id: UUID) -> Budget:
        if budget_id not in self.ledger:
            self.ledger[budget_id] = copy.deepcopy(self.table[budget_id])
        return self.ledger[budget_id]

    async def _find(self, org_id: UUID, programme: str, year: int) -> Budget | None:
        for budget in self.table.values():
            if (budget.org_id, budget.programme, budget.year) == (org_id, programme, year):
                found: Budget = copy.deepcopy(budget)
                return found
        return None

    async def reserve(self, budget_id: UUID, amount_fen: int) -> bool:
        budget = self._now(budget_id)
        if budget.available_fen < amount_fen:
            return False
        budget.reserved_fen += amount_fen
        return True

    async def settle(self, budget_id: UUID, amount_fen: int) -> bool:
        budget = self._now(budget_id)
        if budget.reserved_fen < amount_fen:
            return False
        budget.settle(amount_fen)
        return True

    async def release(self, budget_id: UUID, amount_fen: int) -> bool:
        budget = self._now(budget_id)
        if budget.reserved_fen < amount_fen:
            return False
        budget.release(amount_fen)
        return True

    async def pay_up_to(self, budget_id: UUID, count: int, each_fen: int) -> int:
        return self._now(budget_id).pay_up_to(count, each_fen)

    async def _persist(self, added: Sequence[Budget], changed: Sequence[Changed[Budget]]) -> None:
        for change in changed:
            stored = self.table[change.aggregate.id]
            if change.aggregate.amount_fen < stored.committed_fen:
                raise InvalidValue("预算不能低于已占用和已发放的合计", field="amount_fen")
        _write(self.table, added, changed)

    async def flush(self) -> None:
        await super().flush()
        for budget_id, now in self.ledger.items():
            stored = self.table[budget_id]
            stored.reserved_fen, stored.paid_fen = now.reserved_fen, now.paid_fen
        self.ledger.clear()


class FakeApplicationRepository(_Table, ports.ApplicationRepository):
    name = "applications"


class FakePaymentRepository(_Table, ports.PaymentRepository):
    name = "payments"

    async def _get_for_update(self, payment_id: UUID) -> Payment | None:
        found: Payment | None = await self._get(payment_id)
        return found

    async def _persist(self, added: Sequence[Payment], changed: Sequence[Changed[Payment]]) -> None:
        taken = {(p.application_id, p.batch_id, p.payee.household_id) for p in self.table.values()}
        for payment in added:
            key = (payment.application_id, payment.batch_id, payment.payee.household_id)
            if key in taken:
                raise Conflict("该款项已存在")
            taken.add(key)
        _write(self.table, added, changed)


@dataclass
class Item:
    batch_id: UUID
    household_id: UUID
    position: int
    status: str = "pending"
    skip_reason: str | None = None
    payment_id: UUID | None = None


class FakePaymentBatchRepository(_Table, ports.PaymentBatchRepository):
    name = "payment_batches"

    def reset(self) -> None:
        super().reset()
        self.items: dict[tuple[UUID, UUID], Item] = self.store.table("batch_items")
        self.pending_items: list[Item] = []
        self.decided: list[Item] = []
        self.completing: UUID | None = None

    async def list_items(self, batch: PaymentBatch) -> int:
        selection = batch.selection
        if selection.org_id is not None:
            ids = sorted(
                h.id
                for h in self.store.households.values()
                if h.status == "filed"
                and self._within(h.org_id, selection.org_id)
                and (not selection.levels or h.circumstances.level in selection.levels)
            )
        else:
            ids = list(selection.household_ids)
        self.pending_items = [Item(batch.id, h, n) for n, h in enumerate(ids, start=1)]
        return len(ids)

    def _within(self, org_id: UUID, root: UUID) -> bool:
        current = self.store.organisations.get(org_id)
        while current is not None and current.id != root:
            current = self.store.organisations.get(current.parent_id)
        return current is not None

    async def claim_pending(self, batch: PaymentBatch, limit: int) -> list[Candidate]:
        pending = sorted(
            (i for i in self.items.values() if i.batch_id == batch.id and i.status == "pending"),
            key=lambda i: i.position,
        )[:limit]
        return [await self._candidate(batch, item.household_id) for item in pending]

    async def _candidate(self, batch: PaymentBatch, household_id: UUID) -> Candidate:
        h = self.store.households.get(household_id)
        if h is None:
            return Candidate(household_id, on_file=False, within_budget_org=False)
        within = self._within(h.org_id, batch.budget_org_id)
        return Candidate(
            household_id, h.status == "filed", within, h.org_id, h.head.member_id, h.employer_id
        )

    async def record_outcomes(
        self,
        batch: PaymentBatch,
        outcomes: Sequence[ItemOutcome],
        payment_ids: Sequence[UUID | None],
    ) -> None:
        for outcome, payment_id in zip(outcomes, payment_ids, strict=True):
            item = self.items[(batch.id, outcome.candidate.household_id)]
            self.decided.append(
                replace(
                    item, status=outcome.status, skip_reason=outcome.reason, payment_id=payment_id
                )
            )

    async def complete_if_done(self, batch_id: UUID) -> bool:
        decided = {(i.batch_id, i.household_id) for i in self.decided}
        pending = [
            i for key, i in self.items.items()
            if i.batch_id == batch_id and i.status == "pending" and key not in decided
        ]  # fmt: skip
        self.completing = batch_id if not pending else None
        return not pending

    async def running(self) -> list[UUID]:
        return [b.id for b in self.table.values() if b.status == "running"]

    async def flush(self) -> None:
        await super().flush()
        for item in [*self.pending_items, *self.decided]:
            self.items[(item.batch_id, item.household_id)] = item
        if self.completing is not None:
            self.table[self.completing].status = "completed"
        self.pending_items, self.decided, self.completing = [], [], None


class FakeDonationCampaignRepository(_Table, giving_ports.DonationCampaignRepository):
    name = "donation_campaigns"


class FakeDonationReceiptRepository(_Table, giving_ports.DonationReceiptRepository):
    name = "donation_receipts"


class FakeInsuranceEnrolmentRepository(_Table, giving_ports.InsuranceEnrolmentRepository):
    name = "insurance_enrolments"

    async def _persist(self, added: Sequence[Any], changed: Sequence[Changed[Any]]) -> None:
        taken = {(e.member_id, e.scheme_year) for e in self.table.values()}
        if any((e.member_id, e.scheme_year) in taken for e in added):
            raise AlreadyEnrolled("该会员本年度的参保记录已存在", field="member_id")
        _write(self.table, added, changed)


class FakeInsuranceClaimRepository(_Table, giving_ports.InsuranceClaimRepository):
    name = "insurance_claims"


AID_FAKE_REPOSITORIES: dict[str, Callable[[Any], Any]] = {
    "budgets": FakeBudgetRepository,
    "applications": FakeApplicationRepository,
    "payment_batches": FakePaymentBatchRepository,
    "payments": FakePaymentRepository,
    "donation_campaigns": FakeDonationCampaignRepository,
    "donation_receipts": FakeDonationReceiptRepository,
    "insurance_enrolments": FakeInsuranceEnrolmentRepository,
    "insurance_claims": FakeInsuranceClaimRepository,
}
