"""The full chain through the API and NATS: submit → opinion → review → approve → payment
order (created by the payments consumer) → disburse → one AidPaid on the stream."""

from __future__ import annotations

import uuid

import pytest
from assistance.config import PAYMENTS_CONSUMER
from assistance.domain.aid.payment import payment_id_for_application

from .aid_flow import allocate, approve, seed_filed_households, submit, support_and_pass
from .conftest import Api, Tree, start_api, stop_api
from .probes import count, eventually, published

pytestmark = pytest.mark.integration


async def test_submit_to_paid_publishes_one_aid_paid(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    budget = await allocate(api, tree.street, 100_000)
    [household] = await seed_filed_households(database_url, tree.union_a, 1)
    application_id = await submit(api, tree, household, 50_000)
    await support_and_pass(api, tree, application_id)
    approved = (await approve(api, tree, application_id, 30_000)).json()
    assert (approved["status"], approved["approved_fen"], approved["payment_id"]) == (
        "approved",
        30_000,
        None,
    )
    shown = (await api.get(f"/api/v1/budgets/{budget['id']}", expect=200)).json()
    assert (shown["reserved_fen"], shown["paid_fen"], shown["available_fen"]) == (30_000, 0, 70_000)

    await api.relay()
    assert await api.drain(PAYMENTS_CONSUMER.durable) == 1
    payment_id = str(payment_id_for_application(uuid.UUID(application_id)))
    order = (await api.get(f"/api/v1/payments/{payment_id}", expect=200)).json()
    assert (order["status"], order["amount_fen"], order["application_id"]) == (
        "pending",
        30_000,
        application_id,
    )
    paid = await api.post(
        f"/api/v1/payments/{payment_id}/disburse", {"method": "bank_transfer"}, expect=200
    )
    assert (paid.json()["status"], paid.json()["method"]) == ("paid", "bank_transfer")
    await api.relay()

    [event] = await published(nats_url, "assistance.aid.paid")
    assert event.subject == payment_id
    assert event.data["application_id"] == application_id
    assert (event.data["amount_fen"], event.data["method"]) == (30_000, "bank_transfer")
    assert (event.data["household_id"], event.data["org_id"]) == (household, tree.union_a)
    assert event.data["budget_org_id"] == tree.street
    types = [e.type for e in await published(nats_url, "assistance.application.approved")]
    assert types == ["assistance.application.approved"]
    shown = (await api.get(f"/api/v1/budgets/{budget['id']}", expect=200)).json()
    assert (shown["reserved_fen"], shown["paid_fen"], shown["available_fen"]) == (0, 30_000, 70_000)
    detail = (await api.get(f"/api/v1/applications/{application_id}", expect=200)).json()
    assert (detail["payment_id"], detail["payment_status"]) == (payment_id, "paid")
    assert await count(database_url, "aid_payments") == 1


async def test_a_redelivered_approval_creates_no_second_payment_order(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    await allocate(api, tree.street, 100_000)
    [household] = await seed_filed_households(database_url, tree.union_a, 1)
    application_id = await submit(api, tree, household)
    await support_and_pass(api, tree, application_id)
    await approve(api, tree, application_id, 20_000)
    await api.relay()
    [approval] = await published(nats_url, "assistance.application.approved")
    # The same event again past JetStream's duplicate window (new message id): the inbox sees it.
    await api.republish(approval, msg_id=str(uuid.uuid4()))
    # A republished copy under a new event id: the inbox does not know it, the payment does.
    copy = approval.model_copy(update={"id": str(uuid.uuid4())})
    await api.republish(copy)
    assert await api.drain(PAYMENTS_CONSUMER.durable) == 3
    assert await count(database_url, "aid_payments") == 1
    assert await count(database_url, "inbox", "consumer = $1", PAYMENTS_CONSUMER.durable) == 2
    assert await count(database_url, "outbox", "event_type = 'assistance.aid.paid'") == 0


async def test_the_running_service_creates_the_payment_order_by_itself(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    running, lifespan = await start_api(database_url, nats_url, run_relay=True, run_consumers=True)
    try:
        await allocate(running, tree.street, 100_000)
        [household] = await seed_filed_households(database_url, tree.union_a, 1)
        application_id = await submit(running, tree, household)
        await support_and_pass(running, tree, application_id)
        await approve(running, tree, application_id, 10_000)

        async def ordered() -> bool:
            found = await running.get("/api/v1/payments", application_id=application_id)
            return bool(found.json()["total"] == 1)

        await eventually(ordered, what="payment order created by the assistance-payments consumer")
    finally:
        await stop_api(running, lifespan)
    assert await count(database_url, "aid_payments", "status = 'pending'") == 1
