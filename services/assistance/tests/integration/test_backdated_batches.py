"""A festival batch entered late: its pay day within the history window, its budget its year's.

``POST /payment-batches`` and the festival-list import refuse a ``paid_on`` after today, before
``ASSISTANCE_HISTORY_FROM`` or outside the budget year with 422 problem+json naming
``paid_on``, and write nothing; last year's festival entered today pays on last year's date
from last year's budget.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from shared.identifiers import today_in_china

from .aid_flow import aid_counts, seed_filed_households
from .conftest import Api, Tree
from .probes import assert_problem, count, fetch
from .test_aid_batches import BASE, EACH, batch_body, completed, paid_once_each

pytestmark = pytest.mark.integration
TODAY = today_in_china()
LAST = TODAY.year - 1
LAST_FESTIVAL = date(LAST, 1, 20)


async def festival_budget(api: Api, tree: Tree, year: int, amount_fen: int) -> dict[str, Any]:
    body = {"org_id": tree.street, "programme": "festival_consolation", "year": year,
            "amount_fen": amount_fen}  # fmt: skip
    return (await api.post("/api/v1/budgets", body, expect=200)).json()  # type: ignore[no-any-return]


async def paid_of_budget(database_url: str, year: int) -> int:
    [row] = await fetch(database_url, "SELECT paid_fen FROM aid_budgets WHERE year = $1", year)
    return int(row["paid_fen"])


async def test_last_years_festival_pays_on_its_day_from_last_years_budget(
    api: Api, tree: Tree, database_url: str
) -> None:
    await festival_budget(api, tree, TODAY.year, 10 * EACH)
    await festival_budget(api, tree, LAST, 10 * EACH)
    households = await seed_filed_households(database_url, tree.union_a, 3)
    body = {**batch_body(tree, household_ids=households), "year": LAST,
            "paid_on": LAST_FESTIVAL.isoformat()}  # fmt: skip
    started = await api.post(BASE, body, expect=202)
    batch = await completed(api, started.json()["id"])
    assert (batch["paid"], batch["paid_on"]) == (3, LAST_FESTIVAL.isoformat())
    assert await paid_once_each(database_url, batch["id"]) == (3, 3, 3 * EACH)
    days = await fetch(database_url, "SELECT DISTINCT paid_on FROM aid_payments")
    assert [row["paid_on"] for row in days] == [LAST_FESTIVAL]
    assert (
        await paid_of_budget(database_url, LAST),
        await paid_of_budget(database_url, TODAY.year),
    ) == (3 * EACH, 0)


@pytest.mark.parametrize(
    ("year", "paid_on", "message"),
    [
        (TODAY.year, TODAY + timedelta(days=1), "不能晚于今天"),
        (2014, date(2014, 12, 31), "不能早于可补录历史的起始日 2015-01-01"),
        (TODAY.year, LAST_FESTIVAL, f"不在预算年度 {TODAY.year} 年内"),
        (LAST, None, f"不在预算年度 {LAST} 年内"),  # no day given: today, not in last year
    ],
    ids=[
        "future",
        "before-the-limit",
        "last-years-day-this-years-budget",
        "today-last-years-budget",
    ],
)
async def test_a_refused_pay_day_names_paid_on_and_writes_nothing(
    api: Api, tree: Tree, database_url: str, year: int, paid_on: date | None, message: str
) -> None:
    await festival_budget(api, tree, TODAY.year, 10 * EACH)
    await festival_budget(api, tree, LAST, 10 * EACH)
    households = await seed_filed_households(database_url, tree.union_a, 2)
    before = await aid_counts(database_url)
    body = {**batch_body(tree, household_ids=households), "year": year}
    if paid_on is not None:
        body["paid_on"] = paid_on.isoformat()
    refused = assert_problem(await api.post(BASE, body), 422, field="paid_on")
    assert message in refused["detail"]
    assert refused["title"] == "不符合业务规则"
    assert await aid_counts(database_url) == before


async def test_a_festival_list_with_a_refused_pay_day_starts_no_import(
    api: Api, tree: Tree, database_url: str
) -> None:
    await festival_budget(api, tree, LAST, 10 * EACH)
    listed = "户主身份证号\n110101199001011237\n".encode()
    form = {"year": str(LAST), "budget_org_id": tree.street, "amount_fen": str(EACH)}
    for paid_on in ("2014-12-31", (TODAY + timedelta(days=1)).isoformat(), TODAY.isoformat()):
        refused = await api.client.post(
            "/api/v1/imports/festival-lists",
            data={**form, "paid_on": paid_on},
            files={"file": ("名单.csv", listed)},
            headers={**tree.officer(api), "Idempotency-Key": str(uuid.uuid4())},
        )
        assert_problem(refused, 422, field="paid_on")
    assert await count(database_url, "imports") == 0
    assert await count(database_url, "aid_payment_batches") == 0
