"""Disbursement exactly once: the same request twice, the same Idempotency-Key twice, a crash
between commit and response (retried with the key, and without), concurrent confirmations."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from assistance.config import PAYMENTS_CONSUMER
from assistance.domain.aid.payment import payment_id_for_application

from .aid_flow import allocate, approve, seed_filed_households, submit, support_and_pass
from .conftest import Api, Tree
from .probes import assert_problem, count, fetch, published

pytestmark = pytest.mark.integration
AID_PAID = "event_type = 'assistance.aid.paid'"


async def pending_payment(api: Api, tree: Tree, database_url: str, amount_fen: int = 30_000) -> str:
    """An approved application's payment order, created by the payments consumer."""
    await allocate(api, tree.street, 100_000)
    [household] = await seed_filed_households(database_url, tree.union_a, 1)
    application_id = await submit(api, tree, household)
    await support_and_pass(api, tree, application_id)
    await approve(api, tree, application_id, amount_fen)
    await api.relay()
    await api.drain(PAYMENTS_CONSUMER.durable)
    return str(payment_id_for_application(uuid.UUID(application_id)))


async def budget_paid(database_url: str) -> tuple[int, int]:
    [row] = await fetch(database_url, "SELECT reserved_fen, paid_fen FROM aid_budgets")
    return row["reserved_fen"], row["paid_fen"]


async def test_the_same_request_twice_pays_once(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    payment_id = await pending_payment(api, tree, database_url)
    path = f"/api/v1/payments/{payment_id}/disburse"
    first = await api.post(path, {"method": "cash"}, expect=200)
    second = await api.post(path, {"method": "cash"}, expect=200)
    assert first.json() == second.json()
    assert second.json()["status"] == "paid"
    assert await count(database_url, "outbox", AID_PAID) == 1
    assert await budget_paid(database_url) == (0, 30_000)
    other_method = await api.post(path, {"method": "in_kind"})
    assert_problem(other_method, 409, field="method")
    await api.relay()
    assert len(await published(nats_url, "assistance.aid.paid")) == 1


async def test_the_same_key_twice_replays_the_answer(
    api: Api, tree: Tree, database_url: str
) -> None:
    payment_id = await pending_payment(api, tree, database_url)
    headers = {**api.token(), "Idempotency-Key": "disburse-1"}
    path = f"/api/v1/payments/{payment_id}/disburse"
    first = await api.post(path, {"method": "cash"}, headers=headers, expect=200)
    again = await api.post(path, {"method": "cash"}, headers=headers, expect=200)
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()
    assert await count(database_url, "outbox", AID_PAID) == 1
    assert await budget_paid(database_url) == (0, 30_000)


async def test_a_crash_between_commit_and_response_is_retried_safely(
    api: Api, tree: Tree, database_url: str
) -> None:
    payment_id = await pending_payment(api, tree, database_url)
    path = f"/api/v1/payments/{payment_id}/disburse"
    headers = {**api.token(), "Idempotency-Key": "lost-answer"}
    # The server committed; the answer never reached the client (it is dropped here unread).
    await api.client.post(path, json={"method": "cash"}, headers=headers)
    assert await count(database_url, "aid_payments", "status = 'paid'") == 1
    with_key = await api.post(path, {"method": "cash"}, headers=headers, expect=200)
    assert with_key.headers.get("Idempotent-Replayed") == "true"
    without_key = await api.post(path, {"method": "cash"}, expect=200)
    assert with_key.json()["status"] == without_key.json()["status"] == "paid"
    assert with_key.json()["paid_on"] == without_key.json()["paid_on"]
    assert await count(database_url, "outbox", AID_PAID) == 1
    assert await budget_paid(database_url) == (0, 30_000)


async def test_concurrent_confirmations_pay_once(api: Api, tree: Tree, database_url: str) -> None:
    payment_id = await pending_payment(api, tree, database_url)
    path = f"/api/v1/payments/{payment_id}/disburse"
    answers = await asyncio.gather(
        *(api.client.post(path, json={"method": "cash"}, headers=api.token()) for _ in range(6))
    )
    assert [a.status_code for a in answers] == [200] * 6
    assert await count(database_url, "outbox", AID_PAID) == 1
    assert await budget_paid(database_url) == (0, 30_000)


async def test_no_payment_exists_before_approval(api: Api, tree: Tree, database_url: str) -> None:
    await allocate(api, tree.street, 100_000)
    [household] = await seed_filed_households(database_url, tree.union_a, 1)
    application_id = await submit(api, tree, household)
    await support_and_pass(api, tree, application_id)
    listed = await api.get("/api/v1/payments", expect=200, application_id=application_id)
    assert listed.json()["total"] == 0
    payment_id = payment_id_for_application(uuid.UUID(application_id))
    refused = await api.post(f"/api/v1/payments/{payment_id}/disburse", {"method": "cash"})
    assert_problem(refused, 404, field="payment_id")
    assert await count(database_url, "outbox", AID_PAID) == 0
