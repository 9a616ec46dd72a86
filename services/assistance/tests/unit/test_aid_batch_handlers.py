"""Festival batches, donations and mutual insurance in the service layer, on the fakes."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from assistance.domain.aid.errors import BudgetMissing
from assistance.domain.giving.errors import AlreadyEnrolled
from assistance.domain.replica import ReplicaMember
from assistance.service_layer.aid import commands as c
from assistance.service_layer.aid.payment_batches import pay_next_chunk
from assistance.service_layer.giving import commands as gc
from assistance.service_layer.handlers import handle
from shared.contracts import assistance as contracts
from shared.seedwork import InvalidValue

from .aid_builders import AidWorld, allocate, build_aid_world, file_household
from .fakes import TODAY, FakeStore, FakeUnitOfWork


@pytest.fixture
def world(store: FakeStore) -> AidWorld:
    return build_aid_world(store)


def start(world: AidWorld, **selection: object) -> c.StartPaymentBatch:
    return c.StartPaymentBatch(
        scope_root=world.street, programme="festival_consolation", year=2025,
        budget_org_id=world.street, amount_fen=50_000, method="cash", created_by="officer",
        **selection,  # type: ignore[arg-type]
    )  # fmt: skip


async def test_chunks_pay_until_the_budget_runs_out(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    budget_id = await allocate(uow, world.street, 3 * 50_000, "festival_consolation")
    households = [await file_household(uow, n, org_id=world.base.union_a) for n in range(1, 6)]
    await file_household(uow, 9, org_id=world.base.union_b)
    result = await handle(start(world, org_id=world.base.community_a), uow)
    first = await pay_next_chunk(result.aggregate_id, uow, 2)
    second = await pay_next_chunk(result.aggregate_id, uow, 2)
    third = await pay_next_chunk(result.aggregate_id, uow, 2)
    assert [(r.claimed, r.paid, r.completed) for r in (first, second, third)] == [
        (2, 2, False),
        (2, 1, False),
        (1, 0, True),
    ]
    paid = [e for e in (p.event for p in store.outbox) if isinstance(e, contracts.AidPaid)]
    assert sorted(str(e.household_id) for e in paid) == sorted(map(str, households))[:3]
    budget = store.table("budgets")[budget_id]
    assert (budget.paid_fen, budget.available_fen) == (150_000, 0)
    reasons = sorted(str(i.skip_reason) for i in store.table("batch_items").values())
    assert reasons == ["None", "None", "None", "budget_exhausted", "budget_exhausted"]
    assert store.table("payment_batches")[result.aggregate_id].status == "completed"


async def test_a_batch_needs_a_budget_and_households(uow: FakeUnitOfWork, world: AidWorld) -> None:
    with pytest.raises(BudgetMissing):
        await handle(start(world, org_id=world.base.community_a), uow)
    await allocate(uow, world.street, 50_000, "festival_consolation")
    with pytest.raises(InvalidValue) as error:
        await handle(start(world, org_id=world.base.community_a), uow)
    assert error.value.field == "selection"


async def test_donation_receipts_are_sealed_and_counted(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    opened = await handle(
        gc.OpenDonationCampaign(
            scope_root=None, org_id=world.street, name=" 助学募捐 ", opens_on=date(2025, 6, 1),
            created_by="officer",
        ),
        uow,
    )  # fmt: skip
    receipt = gc.RecordDonation(
        scope_root=world.street, campaign_id=opened.aggregate_id, amount_fen=10_000,
        donor_kind="individual", received_on=TODAY, recorded_by="officer", donor_name="赵六",
    )  # fmt: skip
    await handle(receipt, uow)
    [stored] = store.table("donation_receipts").values()
    assert stored.donor_name_cipher == b"sealed:" + "赵六".encode()
    assert "赵六" not in repr(store.outbox)
    with pytest.raises(InvalidValue) as error:
        await handle(
            gc.RecordDonation(
                scope_root=None, campaign_id=opened.aggregate_id, amount_fen=1,
                donor_kind="individual", received_on=date(2025, 5, 31), recorded_by="officer",
            ),
            uow,
        )  # fmt: skip
    assert error.value.field == "received_on"


async def test_a_member_is_enrolled_once_a_year_and_not_after_leaving(
    uow: FakeUnitOfWork, store: FakeStore, world: AidWorld
) -> None:
    enrol = gc.EnrolInsurance(
        scope_root=None, member_id=world.base.member_a, scheme_year=2025, premium_fen=6_000,
        enrolled_on=TODAY, recorded_by="officer",
    )  # fmt: skip
    enrolled = await handle(enrol, uow)
    with pytest.raises(AlreadyEnrolled):
        await handle(gc.EnrolInsurance(**{**enrol.__dict__, "enrolment_id": uuid4()}), uow)
    left = uuid4()
    store.members[left] = ReplicaMember(left, world.base.union_a, None, "left")
    with pytest.raises(InvalidValue) as error:
        await handle(
            gc.EnrolInsurance(**{**enrol.__dict__, "member_id": left, "enrolment_id": uuid4()}), uow
        )
    assert error.value.field == "member_id"
    claim = await handle(
        gc.PayInsuranceClaim(
            scope_root=None, enrolment_id=enrolled.aggregate_id, claim_kind="accident",
            amount_fen=20_000, paid_on=TODAY, recorded_by="officer",
        ),
        uow,
    )  # fmt: skip
    assert store.table("insurance_claims")[claim.aggregate_id].org_id == world.base.union_a
