"""Last year's visit, approval and payment entered this year land in last year's figures.

Membership (organisations over HTTP), assistance (the records, with its relay and consumers)
and reporting (its consumers and the statistics API) run in-process on one database and one
JetStream, each with its full lifespan; nothing is driven by hand but the HTTP requests.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from typing import Any

import httpx
import pytest
import pytest_asyncio
from shared.identifiers import make_id_number, make_uscc, today_in_china

from .conftest import Services, running_services

pytestmark = pytest.mark.integration
LAST = today_in_china().year - 1
PATIENCE_SECONDS = 20.0
STATISTICS = "/api/v1/statistics/assistance"


@pytest_asyncio.fixture
async def services(database_url: str, nats_url: str) -> AsyncIterator[Services]:
    async with running_services(database_url, nats_url) as running:
        yield running


async def until(check: Callable[[], Awaitable[Any]], what: str) -> Any:
    """The first truthy answer of ``check``; fail naming ``what`` when none comes in time."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE_SECONDS
    while not (answer := await check()):
        if loop.time() > deadline:
            pytest.fail(f"{what}: not reached within {PATIENCE_SECONDS:g} s")
        await asyncio.sleep(0.1)
    return answer


async def post(client: httpx.AsyncClient, path: str, body: dict[str, Any], **kw: Any) -> Any:
    response = await client.post(path, json=body, **kw)
    assert response.status_code in (200, 201), response.text
    return response.json()


async def found(s: Services, kind: str, name: str, parent: str | None) -> str:
    body = {"kind": kind, "name": name, "parent_id": parent, "founded_on": "2020-01-01"}
    if kind == "grassroots_union":
        body["grassroots_mode"] = "joint"
    return str((await post(s.membership, "/api/v1/organisations", body))["id"])


async def household_filed_last_year(s: Services, union: str, member: str | None = None) -> str:
    head = make_id_number("320102", date(1978, 5, 6), 17, "male")
    body = {"org_id": union, "level": "deep", "causes": ["illness"], "temporary": False,
            "monthly_income_per_capita_fen": 90_000, "family": [],
            "head": {"name": "赵大勇", "id_number": head, "phone": "13912345678", "member_id": member,
                     "address": "南京市秦淮区中华路1号"}}  # fmt: skip

    async def drafted() -> str | None:  # the union reaches assistance's replica first
        response = await s.assistance.post("/api/v1/households", json=body)
        return str(response.json()["id"]) if response.status_code == 201 else None

    household = await until(drafted, "the union in assistance's replica")
    await post(s.assistance, f"/api/v1/households/{household}/submit", {})
    filed = {"effective_on": f"{LAST}-02-01"}
    await post(s.assistance, f"/api/v1/households/{household}/file", filed)
    return str(household)


async def paid_last_year(s: Services, street: str, household: str) -> None:
    """Applied, supported, reviewed and approved in March, paid on April 1st of last year."""
    budget = {"org_id": street, "programme": "medical_aid", "year": LAST, "amount_fen": 100_000}
    await post(s.assistance, "/api/v1/budgets", budget)
    application = {"programme": "medical_aid", "household_id": household,
                   "requested_fen": 60_000, "submitted_on": f"{LAST}-03-02"}  # fmt: skip
    base = f"/api/v1/applications/{(await post(s.assistance, '/api/v1/applications', application))['id']}"
    await post(s.assistance, f"{base}/opinion", {"support": True, "opinion_on": f"{LAST}-03-05"},
               headers=s.as_("opinion-giver"))  # fmt: skip
    await post(s.assistance, f"{base}/review", {"passed": True, "reviewed_on": f"{LAST}-03-10"},
               headers=s.as_("reviewer"))  # fmt: skip
    approval = {"approved_fen": 50_000, "budget_org_id": street, "approved_on": f"{LAST}-03-20"}
    await post(s.assistance, f"{base}/approve", approval, headers=s.as_("approver"))

    async def ordered() -> Any:  # the payments consumer makes the order from the approval
        return (await s.assistance.get(base)).json()["payment_id"]

    payment = await until(ordered, "the payment order of the approval")
    paid = await post(s.assistance, f"/api/v1/payments/{payment}/disburse",
                      {"method": "cash", "paid_on": f"{LAST}-04-01"}, headers=s.as_("cashier"))  # fmt: skip
    assert (paid["paid_on"], paid["paid_by"]) == (f"{LAST}-04-01", "cashier")


async def test_last_years_records_entered_today_count_in_last_year(services: Services) -> None:
    s = services
    city = await found(s, "city_federation", "南京市总工会", None)
    district = await found(s, "district_federation", "秦淮区总工会", city)
    street = await found(s, "street_federation", "夫子庙街道总工会", district)
    union = await found(s, "grassroots_union", "夫子庙联合工会", street)
    household = await household_filed_last_year(s, union)
    employer = str(uuid.uuid4())
    for day in ("03-01", "09-20"):  # two visits to one household: 2 人次, 1 人数
        visit = {"occasion": "hospital", "visited_on": f"{LAST}-{day}",
                 "household_id": household, "employer_id": employer}  # fmt: skip
        await post(s.assistance, "/api/v1/visits", visit)
    await paid_last_year(s, street, household)

    async def last_year() -> dict[str, Any] | None:
        params = {"org_id": street, "period": str(LAST)}
        body: dict[str, Any] = (await s.reporting.get(STATISTICS, params=params)).json()
        return body if body["aid"]["payments"] and body["visits"]["visits"] == 2 else None

    body = await until(last_year, f"the payment and visits in {LAST}'s figures")
    assert (body["aid"]["payments"], body["aid"]["people"], body["aid"]["amount_fen"]) == (
        1, 1, 50_000,
    )  # fmt: skip
    assert body["aid"]["by_programme"]["medical_aid"]["payments"] == 1
    visits = body["visits"]
    assert (visits["visits"], visits["people"], visits["employers"]) == (2, 1, 1)
    march = {"org_id": street, "date_from": f"{LAST}-03-01", "date_to": f"{LAST}-03-31"}
    in_march = (await s.reporting.get(STATISTICS, params=march)).json()
    assert (in_march["visits"]["visits"], in_march["aid"]["payments"]) == (1, 0)
    this_year = {"org_id": street, "period": str(LAST + 1)}
    now = (await s.reporting.get(STATISTICS, params=this_year)).json()
    assert (now["aid"]["payments"], now["visits"]["visits"]) == (0, 0)


async def head_admitted(s: Services, union: str, territory: str) -> str:
    """The household's head, a member of ``union`` since 2020."""
    registration = {"uscc": make_uscc("91320100MA0000002"), "name": "乙公司",
                    "registration_type": "173", "industry": "制造业", "territory_org_id": territory,
                    "census": {"workers": 80, "women": 30, "migrant_workers": 10,
                               "effective_on": "2020-01-01"}}  # fmt: skip
    employer = (await post(s.membership, "/api/v1/employers", registration))["id"]
    admission = {"name": "赵大勇", "id_number": make_id_number("320102", date(1978, 5, 6), 17, "male"),
                 "household_type": "non_agricultural", "employer_id": employer,
                 "union_id": union, "joined_on": "2020-06-01"}  # fmt: skip
    return str((await post(s.membership, "/api/v1/members", admission))["id"])


async def last_years_figures(s: Services, org: str) -> dict[str, Any]:
    params = {"org_id": org, "period": str(LAST)}
    body: dict[str, Any] = (await s.reporting.get(STATISTICS, params=params)).json()
    return body


async def test_last_years_facts_entered_after_a_relocation_count_where_the_file_was(
    services: Services,
) -> None:
    s = services
    city = await found(s, "city_federation", "南京市总工会", None)
    district = await found(s, "district_federation", "秦淮区总工会", city)
    old_street = await found(s, "street_federation", "夫子庙街道总工会", district)
    new_street = await found(s, "street_federation", "中华门街道总工会", district)
    old_union = await found(s, "grassroots_union", "夫子庙联合工会", old_street)
    new_union = await found(s, "grassroots_union", "中华门联合工会", new_street)

    member = await head_admitted(s, old_union, old_street)
    household = await household_filed_last_year(s, old_union, member)
    transfer = {"to_union_id": new_union, "effective_on": today_in_china().isoformat(),
                "reason": "job_change"}  # fmt: skip
    await post(s.membership, f"/api/v1/members/{member}/transfer", transfer)

    async def relocated() -> bool:
        shown = (await s.assistance.get(f"/api/v1/households/{household}")).json()
        return bool(shown["org_id"] == new_union)

    await until(relocated, "the file relocated with its head")
    # Entered now, last year's visit and payment name the file's union now: the new one.
    visit = {"occasion": "hospital", "visited_on": f"{LAST}-03-01", "household_id": household}
    assert (await post(s.assistance, "/api/v1/visits", visit))["org_id"] == new_union
    await paid_last_year(s, new_street, household)

    async def counted_at_the_old_street() -> dict[str, Any] | None:
        body = await last_years_figures(s, old_street)
        return body if body["aid"]["payments"] and body["visits"]["visits"] else None

    old = await until(counted_at_the_old_street, f"{LAST}'s facts under the old street")
    assert (old["aid"]["payments"], old["aid"]["amount_fen"], old["visits"]["visits"]) == (
        1, 50_000, 1,
    )  # fmt: skip
    new = await last_years_figures(s, new_street)
    assert (new["aid"]["payments"], new["visits"]["visits"]) == (0, 0)
    whole = await last_years_figures(s, district)
    assert (whole["aid"]["payments"], whole["visits"]["visits"]) == (1, 1)
