"""Last year's records entered as last year's: dated visits, applications, approvals, payments.

A past approval draws on the budget of its own year; every back-dated fact shows who entered it
and when; a date after today, before the household's filing, before the history limit, or in a
year without (enough) budget is refused naming the field, and nothing is written.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from assistance.config import PAYMENTS_CONSUMER
from assistance.domain.aid.payment import payment_id_for_application
from shared.identifiers import today_in_china

from .aid_flow import aid_counts, approver, person_token
from .conftest import Api, Tree, start_api, stop_api
from .probes import assert_problem, count, published
from .test_household_lifecycle import act, open_draft

pytestmark = pytest.mark.integration
LAST = today_in_china().year - 1
FILED_ON = date(LAST, 2, 1)


def on(month: int, day: int) -> str:
    return date(LAST, month, day).isoformat()


async def filed_last_year(api: Api, tree: Tree, seq: int) -> str:
    hid = str((await open_draft(api, tree, seq))["id"])
    await act(api, tree, hid, "submit")
    await act(api, tree, hid, "file", {"effective_on": FILED_ON.isoformat()})
    return hid


async def budget(api: Api, tree: Tree, year: int, amount_fen: int) -> dict[str, Any]:
    body = {"org_id": tree.street, "programme": "medical_aid", "year": year,
            "amount_fen": amount_fen}  # fmt: skip
    return (await api.post("/api/v1/budgets", body, expect=200)).json()  # type: ignore[no-any-return]


async def reviewed_last_year(api: Api, tree: Tree, household: str, programme: str) -> str:
    body = {"programme": programme, "household_id": household, "requested_fen": 80_000,
            "submitted_on": on(3, 2)}  # fmt: skip
    submitted = await api.post("/api/v1/applications", body, headers=tree.officer(api), expect=201)
    assert submitted.json()["submitted_on"] == on(3, 2)
    base = f"/api/v1/applications/{submitted.json()['id']}"
    community = person_token(api, "officer-a", tree.community_a)
    street = person_token(api, "officer-street", tree.street)
    await api.post(f"{base}/opinion", {"support": True, "opinion_on": on(3, 5)},
                   headers=community, expect=200)  # fmt: skip
    reviewed = await api.post(f"{base}/review", {"passed": True, "reviewed_on": on(3, 10)},
                              headers=street, expect=200)  # fmt: skip
    assert (reviewed.json()["opinion_on"], reviewed.json()["reviewed_on"]) == (on(3, 5), on(3, 10))
    return str(submitted.json()["id"])


async def approve_on(api: Api, tree: Tree, application: str, fen: int, day: str) -> Any:
    body = {"approved_fen": fen, "budget_org_id": tree.street, "approved_on": day}
    return await api.post(f"/api/v1/applications/{application}/approve", body,
                          headers=approver(api, tree))  # fmt: skip


def entered_today(stamp: str) -> bool:
    return datetime.fromisoformat(stamp).date() >= today_in_china() - timedelta(days=1)


async def test_last_years_visit_approval_and_payment_keep_their_dates(
    api: Api, tree: Tree, nats_url: str
) -> None:
    household = await filed_last_year(api, tree, 61)
    officer_a = person_token(api, "officer-a", tree.community_a)
    visit = await api.post("/api/v1/visits", {"occasion": "hospital", "visited_on": on(3, 1),
                           "household_id": household}, headers=officer_a, expect=201)  # fmt: skip
    assert visit.json()["visited_on"] == on(3, 1)
    assert visit.json()["recorded_by"] == "officer-a"
    assert entered_today(visit.json()["entered_at"])

    last_year, this_year = (
        await budget(api, tree, LAST, 100_000),
        await budget(api, tree, LAST + 1, 1),
    )
    application = await reviewed_last_year(api, tree, household, "medical_aid")
    approved = (await approve_on(api, tree, application, 60_000, on(3, 20))).json()
    assert (approved["status"], approved["approved_on"]) == ("approved", on(3, 20))
    assert approved["approved_by"] == "officer-district"
    assert entered_today(approved["approved_entered_at"])
    shown = (await api.get(f"/api/v1/budgets/{last_year['id']}", expect=200)).json()
    assert (shown["reserved_fen"], shown["available_fen"]) == (60_000, 40_000)
    untouched = (await api.get(f"/api/v1/budgets/{this_year['id']}", expect=200)).json()
    assert untouched["reserved_fen"] == 0

    await api.relay()
    assert await api.drain(PAYMENTS_CONSUMER.durable) == 1
    payment = str(payment_id_for_application(uuid.UUID(application)))
    pending = (await api.get(f"/api/v1/payments/{payment}", expect=200)).json()
    assert (pending["created_on"], pending["paid_entered_at"]) == (on(3, 20), None)
    paid = (await api.post(f"/api/v1/payments/{payment}/disburse",
                           {"method": "cash", "paid_on": on(4, 1)}, headers=officer_a,
                           expect=200)).json()  # fmt: skip
    assert (paid["status"], paid["paid_on"], paid["paid_by"]) == ("paid", on(4, 1), "officer-a")
    assert entered_today(paid["paid_entered_at"])
    shown = (await api.get(f"/api/v1/budgets/{last_year['id']}", expect=200)).json()
    assert (shown["reserved_fen"], shown["paid_fen"]) == (0, 60_000)

    await api.relay()
    for kind, day in (("visit.recorded", on(3, 1)), ("application.submitted", on(3, 2)),
                      ("application.approved", on(3, 20)), ("aid.paid", on(4, 1))):  # fmt: skip
        [event] = await published(nats_url, f"assistance.{kind}")
        assert event.data["occurred_on"] == day, kind


async def test_every_refused_date_names_its_field_and_writes_nothing(
    api: Api, tree: Tree, database_url: str
) -> None:
    household = await filed_last_year(api, tree, 62)
    officer = tree.officer(api)
    tomorrow = (today_in_china() + timedelta(days=1)).isoformat()
    for visited_on in (tomorrow, "2014-12-31", (FILED_ON - timedelta(days=1)).isoformat()):
        body = {"occasion": "festival", "visited_on": visited_on, "household_id": household}
        refused = await api.post("/api/v1/visits", body, headers=officer)
        assert_problem(refused, 422, field="visited_on")
    assert await count(database_url, "visits") == 0

    early = {"programme": "medical_aid", "household_id": household, "requested_fen": 1000,
             "submitted_on": on(1, 31)}  # fmt: skip
    assert_problem(await api.post("/api/v1/applications", early, headers=officer), 422,
                   field="submitted_on")  # fmt: skip

    await budget(api, tree, LAST, 50_000)
    application = await reviewed_last_year(api, tree, household, "medical_aid")
    no_budget = await reviewed_last_year(api, tree, household, "student_aid")
    before = await aid_counts(database_url)
    assert_problem(await approve_on(api, tree, application, 1, tomorrow), 422, field="approved_on")
    assert_problem(await approve_on(api, tree, application, 1, on(3, 9)), 422, field="approved_on")
    exceeded = await approve_on(api, tree, application, 60_000, on(3, 20))
    assert assert_problem(exceeded, 409, field="approved_fen")["type"].endswith("budget_exhausted")
    assert str(LAST) in exceeded.json()["detail"]
    missing = await approve_on(api, tree, no_budget, 1000, on(3, 20))
    assert assert_problem(missing, 409, field="approved_on")["type"].endswith("budget_missing")
    assert await aid_counts(database_url) == before
    shown = (await api.get(f"/api/v1/applications/{application}", expect=200)).json()
    assert (shown["status"], shown["approved_entered_at"]) == ("reviewed", None)


async def test_the_history_limit_comes_from_the_settings(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    household = await filed_last_year(api, tree, 63)
    limit = date(LAST, 6, 1)
    limited, lifespan = await start_api(database_url, nats_url, assistance_history_from=limit)
    try:
        body = {"occasion": "festival", "visited_on": on(3, 1), "household_id": household}
        refused = await limited.post("/api/v1/visits", body, headers=tree.officer(limited))
        assert limit.isoformat() in assert_problem(refused, 422, field="visited_on")["detail"]
        body["visited_on"] = on(6, 1)
        await limited.post("/api/v1/visits", body, headers=tree.officer(limited), expect=201)
    finally:
        await stop_api(limited, lifespan)
    body["visited_on"] = on(3, 1)  # the default limit (2015-01-01) lets it in
    await api.post("/api/v1/visits", body, headers=tree.officer(api), expect=201)
