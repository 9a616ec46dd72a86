"""Service-layer rules of budgets, applications and payments, on the in-memory fakes."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

import pytest
from assistance.domain.aid.errors import (
    BudgetExhausted,
    BudgetMissing,
    PaymentClosed,
    SegregationOfDuties,
    StepOutOfOrder,
)
from assistance.domain.aid.payment import payment_id_for_application
from assistance.service_layer.aid import commands as c
from assistance.service_layer.handlers import handle
from shared.contracts import assistance as contracts
from shared.seedwork import InvalidValue, NotFound

from .aid_builders import (
    AidWorld,
    allocate,
    approve,
    build_aid_world,
    file_household,
    reviewed_application,
)
from .fakes import FakeStore, FakeUnitOfWork

T = TypeVar("T")


@pytest.fixture
def world(store: FakeStore) -> AidWorld:
    return build_aid_world(store)


def budget_row(store: FakeStore, budget_id: UUID) -> tuple[int, int, int]:
    budget = store.table("budgets")[budget_id]
    return budget.amount_fen, budget.reserved_fen, budget.paid_fen


def published(store: FakeStore, kind: type[T]) -> list[T]:
    return [p.event for p in store.outbox if isinstance(p.event, kind)]


async def test_approval_reserves_the_amount_and_publishes_the_approval(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    budget_id = await allocate(uow, world.street, 100_000)
    household = await file_household(uow, 1, org_id=world.base.union_a)
    application_id = await reviewed_application(uow, world, household)
    await approve(uow, world, application_id, 30_000)
    assert budget_row(store, budget_id) == (100_000, 30_000, 0)
    [approved] = published(store, contracts.ApplicationApproved)
    assert (approved.approved_fen, approved.budget_org_id) == (30_000, world.street)
    assert approved.org_id == world.base.union_a
    [allocated] = published(store, contracts.BudgetAllocated)
    assert allocated.amount_fen == 100_000


async def test_a_budget_short_of_the_amount_refuses_and_writes_nothing(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    budget_id = await allocate(uow, world.street, 20_000)
    household = await file_household(uow, 1, org_id=world.base.union_a)
    application_id = await reviewed_application(uow, world, household)
    outbox_before = len(store.outbox)
    with pytest.raises(BudgetExhausted) as error:
        await approve(uow, world, application_id, 20_001)
    assert error.value.field == "approved_fen"
    assert budget_row(store, budget_id) == (20_000, 0, 0)
    assert store.table("applications")[application_id].status == "reviewed"
    assert len(store.outbox) == outbox_before


async def test_approval_needs_a_budget_of_an_organisation_above_the_applicant(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    household = await file_household(uow, 1, org_id=world.base.union_a)
    application_id = await reviewed_application(uow, world, household)
    with pytest.raises(BudgetMissing):
        await approve(uow, world, application_id, 1_000)
    await allocate(uow, world.base.union_b, 100_000)
    with pytest.raises(InvalidValue) as error:
        await handle(
            c.ApproveApplication(
                scope_root=world.district, application_id=application_id,
                actor_subject="district-officer", actor_role="assistance_officer",
                approved_fen=1_000, budget_org_id=world.base.union_b,
            ),
            uow,
        )  # fmt: skip
    assert error.value.field == "budget_org_id"


async def test_the_reviewer_cannot_approve(uow: FakeUnitOfWork, world: AidWorld) -> None:
    await allocate(uow, world.street, 100_000)
    household = await file_household(uow, 1, org_id=world.base.union_a)
    application_id = await reviewed_application(uow, world, household)
    with pytest.raises(SegregationOfDuties):
        await approve(uow, world, application_id, 1_000, subject="street-officer")


async def test_an_officer_of_another_community_does_not_see_the_application(
    uow: FakeUnitOfWork, world: AidWorld
) -> None:
    household = await file_household(uow, 1, org_id=world.base.union_a)
    submitted = await handle(
        c.SubmitApplication(
            scope_root=None, programme="student_aid", household_id=household,
            requested_fen=10_000, submitted_by="clerk",
        ),
        uow,
    )  # fmt: skip
    with pytest.raises(NotFound):
        await handle(
            c.GiveOpinion(
                scope_root=world.base.community_b, application_id=submitted.aggregate_id,
                actor_subject="b-officer", actor_role="assistance_officer", support=True,
            ),
            uow,
        )  # fmt: skip


async def test_a_rejection_needs_a_reason_and_publishes_the_step(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    household = await file_household(uow, 1, org_id=world.base.union_a)
    submitted = await handle(
        c.SubmitApplication(
            scope_root=None, programme="medical_aid", household_id=household,
            requested_fen=10_000, submitted_by="clerk",
        ),
        uow,
    )  # fmt: skip
    opinion = {
        "scope_root": world.base.community_a, "application_id": submitted.aggregate_id,
        "actor_subject": "community-officer", "actor_role": "assistance_officer",
        "support": False,
    }  # fmt: skip
    with pytest.raises(InvalidValue) as error:
        await handle(c.GiveOpinion(**opinion), uow)  # type: ignore[arg-type]
    assert error.value.field == "reason"
    await handle(c.GiveOpinion(**opinion, reason="ineligible", note="收入超标"), uow)  # type: ignore[arg-type]
    [rejected] = published(store, contracts.ApplicationRejected)
    assert (rejected.step, rejected.reason) == ("grassroots_opinion", "ineligible")
    stored = store.table("applications")[submitted.aggregate_id]
    assert stored.rejection.note_cipher == b"sealed:" + "收入超标".encode()


async def test_one_payment_order_per_approval_paid_once(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    budget_id = await allocate(uow, world.street, 100_000)
    household = await file_household(uow, 1, org_id=world.base.union_a)
    application_id = await reviewed_application(uow, world, household)
    with pytest.raises(StepOutOfOrder):
        await handle(c.CreatePaymentOrder(scope_root=None, application_id=application_id), uow)
    await approve(uow, world, application_id, 30_000)
    first = await handle(c.CreatePaymentOrder(scope_root=None, application_id=application_id), uow)
    again = await handle(c.CreatePaymentOrder(scope_root=None, application_id=application_id), uow)
    assert first == again
    assert first.aggregate_id == payment_id_for_application(application_id)
    assert len(store.table("payments")) == 1
    disburse = c.DisbursePayment(
        scope_root=world.street, payment_id=first.aggregate_id, method="cash", paid_by="cashier"
    )
    await handle(disburse, uow)
    await handle(disburse, uow)
    [paid] = published(store, contracts.AidPaid)
    assert (paid.amount_fen, paid.household_id, paid.budget_org_id) == (
        30_000,
        household,
        world.street,
    )
    assert budget_row(store, budget_id) == (100_000, 0, 30_000)
    with pytest.raises(PaymentClosed):
        await handle(
            c.DisbursePayment(
                scope_root=None, payment_id=first.aggregate_id, method="in_kind", paid_by="x"
            ),
            uow,
        )
    assert len(published(store, contracts.AidPaid)) == 1


async def test_cancelling_returns_the_reservation(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    budget_id = await allocate(uow, world.street, 100_000)
    household = await file_household(uow, 1, org_id=world.base.union_a)
    application_id = await reviewed_application(uow, world, household)
    await approve(uow, world, application_id, 30_000)
    payment = await handle(
        c.CreatePaymentOrder(scope_root=None, application_id=application_id), uow
    )
    await handle(c.CancelPayment(scope_root=None, payment_id=payment.aggregate_id), uow)
    assert budget_row(store, budget_id) == (100_000, 0, 0)
    with pytest.raises(PaymentClosed):
        await handle(
            c.DisbursePayment(
                scope_root=None, payment_id=payment.aggregate_id, method="cash", paid_by="x"
            ),
            uow,
        )


async def test_a_budget_is_never_cut_below_its_commitments(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    budget_id = await allocate(uow, world.street, 100_000)
    household = await file_household(uow, 1, org_id=world.base.union_a)
    application_id = await reviewed_application(uow, world, household)
    await approve(uow, world, application_id, 30_000)
    with pytest.raises(InvalidValue) as error:
        await allocate(uow, world.street, 29_999)
    assert error.value.field == "amount_fen"
    await allocate(uow, world.street, 30_000)
    assert budget_row(store, budget_id) == (30_000, 30_000, 0)
    assert [e.amount_fen for e in published(store, contracts.BudgetAllocated)] == [100_000, 30_000]
