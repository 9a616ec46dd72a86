"""The back-dating rules, on the street's 2025: each date out of bounds is refused with a
problem+json (Chinese title, the field at fault) and nothing is written."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest_asyncio
from shared.identifiers import make_uscc, today_in_china

from .past_year_scenario import Scenario, built_scenario
from .test_backdated_assistance import post, until

TOMORROW = (today_in_china() + timedelta(days=1)).isoformat()
BEFORE_HISTORY = "2014-12-31"  # the day before ASSISTANCE_HISTORY_FROM's default, 2015-01-01
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest_asyncio.fixture(scope="module")
async def scenario(module_database_url: str, module_nats_url: str) -> AsyncIterator[Scenario]:
    async with built_scenario(module_database_url, module_nats_url) as built:
        yield built


def refused(response: httpx.Response, field: str) -> None:
    """A 422 problem+json with a Chinese title naming ``field`` among its errors."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert CJK.search(body["title"]), body["title"]
    fields = [error["field"].rsplit(".", 1)[-1] for error in body.get("errors") or []]
    assert field in fields, body


async def total(client: httpx.AsyncClient, path: str, **params: str) -> int:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


async def test_an_employer_is_registered_neither_in_the_future_nor_before_its_territory(
    scenario: Scenario,
) -> None:
    m, street = scenario.services.membership, scenario.street
    before = await total(m, "/api/v1/employers")
    # 白鹭洲社区 was founded on 2024-03-01
    for seq, day in ((90, TOMORROW), (91, "2024-02-29")):
        body = {"uscc": make_uscc(f"91320104MA{seq:07d}"), "name": f"补录单位{seq}",
                "registration_type": "173", "industry": "制造业",
                "territory_org_id": street.community_b, "registered_on": day}  # fmt: skip
        refused(await m.post("/api/v1/employers", json=body), "registered_on")
    assert await total(m, "/api/v1/employers") == before


async def test_a_union_is_not_founded_before_its_parent(scenario: Scenario) -> None:
    m, street = scenario.services.membership, scenario.street
    before = await total(m, "/api/v1/organisations")
    body = {"kind": "grassroots_union", "name": "白鹭洲早建工会", "parent_id": street.community_b,
            "founded_on": "2024-02-29", "grassroots_mode": "single"}  # fmt: skip
    refused(await m.post("/api/v1/organisations", json=body), "founded_on")
    body["founded_on"] = TOMORROW
    refused(await m.post("/api/v1/organisations", json=body), "founded_on")
    assert await total(m, "/api/v1/organisations") == before


async def test_an_employer_is_not_covered_before_its_union_was_founded(
    scenario: Scenario,
) -> None:
    m, street = scenario.services.membership, scenario.street
    path = f"/api/v1/employers/{street.employers['E5']}"
    cover = {"union_id": street.unions["U3"], "effective_on": "2025-08-31"}  # U3: 1 September
    refused(await m.put(f"{path}/coverage", json=cover), "effective_on")
    assert await total(m, "/api/v1/employers", covered="true") == 5  # E5 stays uncovered


async def test_a_visit_is_neither_before_the_history_limit_nor_in_the_future(
    scenario: Scenario,
) -> None:
    a, household = scenario.services.assistance, scenario.street.households["H1"]
    before = await total(a, "/api/v1/visits")
    for day in (TOMORROW, BEFORE_HISTORY, "2025-03-31"):  # H1 was filed on 2025-04-01
        body = {"occasion": "festival", "visited_on": day, "household_id": household}
        refused(await a.post("/api/v1/visits", json=body), "visited_on")
    assert await total(a, "/api/v1/visits") == before


async def reviewed(scenario: Scenario) -> str:
    """A new application for H2, submitted on 1 July 2025, supported and reviewed."""
    s = scenario.services
    body = {"programme": "medical_aid", "household_id": scenario.street.households["H2"],
            "requested_fen": 10_000, "submitted_on": "2025-07-01"}  # fmt: skip
    base = f"/api/v1/applications/{(await post(s.assistance, '/api/v1/applications', body))['id']}"
    await post(s.assistance, f"{base}/opinion", {"support": True, "opinion_on": "2025-07-01"},
               headers=s.as_("opinion-giver"))  # fmt: skip
    await post(s.assistance, f"{base}/review", {"passed": True, "reviewed_on": "2025-07-01"},
               headers=s.as_("reviewer"))  # fmt: skip
    return base


async def test_an_approval_and_a_payment_keep_to_the_chain_and_the_history_limit(
    scenario: Scenario,
) -> None:
    s, street = scenario.services, scenario.street
    base = await reviewed(scenario)
    # before its application (submitted 1 July), before the limit, in the future
    for day in ("2025-06-30", BEFORE_HISTORY, TOMORROW):
        approval = {"approved_fen": 10_000, "budget_org_id": street.street, "approved_on": day}
        refused(await s.assistance.post(f"{base}/approve", json=approval,
                                        headers=s.as_("approver")), "approved_on")  # fmt: skip
    shown = (await s.assistance.get(base)).json()
    assert (shown["status"], shown["approved_entered_at"]) == ("reviewed", None)

    approval = {"approved_fen": 10_000, "budget_org_id": street.street, "approved_on": "2025-07-10"}
    await post(s.assistance, f"{base}/approve", approval, headers=s.as_("approver"))

    async def ordered() -> Any:
        return (await s.assistance.get(base)).json()["payment_id"]

    payment = f"/api/v1/payments/{await until(ordered, 'the payment order')}"
    for day in ("2025-07-09", BEFORE_HISTORY, TOMORROW):  # before the approval, the limit, today
        response = await s.assistance.post(f"{payment}/disburse",
                                           json={"method": "cash", "paid_on": day},
                                           headers=s.as_("cashier"))  # fmt: skip
        refused(response, "paid_on")
    order = (await s.assistance.get(payment)).json()
    assert (order["status"], order["paid_entered_at"]) == ("pending", None)


async def test_a_payment_batch_is_not_paid_in_the_future(scenario: Scenario) -> None:
    s, street = scenario.services, scenario.street
    # the scenario set the street a festival budget for 2025 and paid one batch from it
    before = await total(s.assistance, "/api/v1/payment-batches")
    batch = {"programme": "festival_consolation", "year": 2025, "budget_org_id": street.street,
             "amount_fen": 10_000, "method": "cash", "paid_on": TOMORROW,
             "selection": {"household_ids": [street.households["H2"]]}}  # fmt: skip
    refused(await s.assistance.post("/api/v1/payment-batches", json=batch), "paid_on")
    assert await total(s.assistance, "/api/v1/payment-batches") == before
