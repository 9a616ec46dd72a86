"""Festival payment batches: progress to 100 %, each household paid exactly once, the budget
used exactly when it runs out midway, reasons for every skipped household, resumption."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from assistance.service_layer.aid import commands as c
from assistance.service_layer.aid.payment_batches import pay_next_chunk
from assistance.service_layer.handlers import handle

from .aid_flow import YEAR, allocate, seed_filed_households
from .conftest import Api, Tree, start_api, stop_api
from .probes import assert_problem, count, eventually, fetch

pytestmark = pytest.mark.integration
EACH = 50_000
BASE = "/api/v1/payment-batches"


async def completed(api: Api, batch_id: str) -> dict[str, Any]:
    async def done() -> bool:
        shown = await api.get(f"{BASE}/{batch_id}", expect=200)
        return bool(shown.json()["status"] == "completed")

    await eventually(done, what=f"batch {batch_id} completed")
    return (await api.get(f"{BASE}/{batch_id}", expect=200)).json()  # type: ignore[no-any-return]


async def paid_once_each(database_url: str, batch_id: str) -> tuple[int, int, int]:
    """Payments of the batch: count, distinct households, total amount."""
    [row] = await fetch(
        database_url,
        "SELECT count(*) AS n, count(DISTINCT household_id) AS households,"
        " coalesce(sum(amount_fen), 0) AS fen FROM aid_payments WHERE batch_id = $1",
        uuid.UUID(batch_id),
    )
    return int(row["n"]), int(row["households"]), int(row["fen"])


def batch_body(tree: Tree, **selection: Any) -> dict[str, Any]:
    return {
        "programme": "festival_consolation",
        "year": YEAR,
        "budget_org_id": tree.street,
        "amount_fen": EACH,
        "method": "cash",
        "selection": selection,
    }


async def test_a_batch_stops_at_the_budget_and_pays_each_household_once(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    small_chunks, lifespan = await start_api(database_url, nats_url, payment_batch_chunk_size=64)
    try:
        await seed_filed_households(database_url, tree.union_a, 300)
        await seed_filed_households(database_url, tree.union_b, 5)
        await allocate(api, tree.street, 250 * EACH, "festival_consolation")
        started = await small_chunks.post(
            BASE, batch_body(tree, org_id=tree.community_a), expect=202
        )
        assert started.headers["Location"] == f"{BASE}/{started.json()['id']}"
        assert started.json()["total"] == 300
        batch = await completed(small_chunks, started.json()["id"])
    finally:
        await stop_api(small_chunks, lifespan)
    assert (batch["paid"], batch["skipped"], batch["pending"], batch["percent"]) == (
        250,
        50,
        0,
        100.0,
    )
    assert batch["skipped_by_reason"] == {"budget_exhausted": 50}
    assert batch["paid_fen"] == 250 * EACH
    assert await paid_once_each(database_url, batch["id"]) == (250, 250, 250 * EACH)
    [budget] = await fetch(
        database_url, "SELECT amount_fen, reserved_fen, paid_fen FROM aid_budgets"
    )
    assert budget["paid_fen"] + budget["reserved_fen"] == budget["amount_fen"]
    assert await count(database_url, "outbox", "event_type = 'assistance.aid.paid'") == 250
    skipped = await api.get(f"{BASE}/{batch['id']}/items", expect=200, status="skipped", limit=100)
    assert skipped.json()["total"] == 50
    assert {item["skip_label"] for item in skipped.json()["items"]} == {"预算已用完"}


async def test_a_listed_batch_skips_who_is_not_on_file_or_elsewhere(
    api: Api, tree: Tree, database_url: str
) -> None:
    await allocate(api, tree.street, 100 * EACH, "festival_consolation")
    here = await seed_filed_households(database_url, tree.union_a, 3)
    [elsewhere] = await seed_filed_households(database_url, tree.union_b, 1)
    await fetch(
        database_url,
        "UPDATE org_replica SET path = '/other/' WHERE id = $1",
        uuid.UUID(tree.union_b),
    )
    unknown = str(uuid.uuid4())
    listed = [*here, here[0], elsewhere, unknown]
    started = await api.post(BASE, batch_body(tree, household_ids=listed), expect=202)
    assert started.json()["total"] == 5
    batch = await completed(api, started.json()["id"])
    assert batch["skipped_by_reason"] == {"not_on_file": 1, "outside_budget_org": 1}
    assert await paid_once_each(database_url, batch["id"]) == (3, 3, 3 * EACH)
    items = (await api.get(f"{BASE}/{batch['id']}/items", expect=200)).json()["items"]
    assert [item["household_id"] for item in items] == [*here, elsewhere, unknown]
    assert [item["status"] for item in items] == ["paid"] * 3 + ["skipped"] * 2


async def test_bad_batches_write_nothing(api: Api, tree: Tree, database_url: str) -> None:
    await allocate(api, tree.street, 100 * EACH, "festival_consolation")
    before = await count(database_url, "aid_payment_batches")
    for body, status, field in (
        ({**batch_body(tree, org_id=tree.community_a), "amount_fen": 10.5}, 422, "amount_fen"),
        ({**batch_body(tree, org_id=tree.community_a), "amount_fen": -1}, 422, "amount_fen"),
        ({**batch_body(tree, org_id=tree.community_a), "programme": "gift"}, 422, "programme"),
        (batch_body(tree), 422, "selection"),
        (batch_body(tree, org_id=tree.community_b), 422, "selection"),
        (
            {**batch_body(tree, org_id=tree.community_a), "programme": "student_aid"},
            409,
            "budget_org_id",
        ),
    ):
        assert_problem(await api.post(BASE, body), status, field=field)
    assert await count(database_url, "aid_payment_batches") == before
    assert await count(database_url, "aid_batch_items") == 0


async def test_an_interrupted_batch_is_resumed_at_start(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    households = await seed_filed_households(database_url, tree.union_a, 120)
    await allocate(api, tree.street, 1_000 * EACH, "festival_consolation")
    batch_id = uuid.uuid4()
    await handle(
        c.StartPaymentBatch(
            scope_root=None, batch_id=batch_id, programme="festival_consolation", year=YEAR,
            budget_org_id=uuid.UUID(tree.street), amount_fen=EACH, method="in_kind",
            created_by="officer", org_id=uuid.UUID(tree.union_a),
        ),
        api.container.uow(),
    )  # fmt: skip
    first = await pay_next_chunk(batch_id, api.container.uow(), 50)
    assert (first.claimed, first.paid, first.completed) == (50, 50, False)
    # The process stops here; a new one starts on the same database and resumes the batch.
    restarted, lifespan = await start_api(database_url, nats_url)
    try:
        batch = await completed(restarted, str(batch_id))
    finally:
        await stop_api(restarted, lifespan)
    assert (batch["paid"], batch["skipped"], batch["percent"]) == (120, 0, 100.0)
    assert await paid_once_each(database_url, str(batch_id)) == (120, 120, 120 * EACH)
    paid = await fetch(database_url, "SELECT household_id FROM aid_payments")
    assert sorted(str(row["household_id"]) for row in paid) == sorted(households)
