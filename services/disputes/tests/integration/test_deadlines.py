"""The 15-day limit (劳动争议调解仲裁法 art. 14): due date, agreed extensions, overdue."""

from __future__ import annotations

from datetime import date, timedelta

from disputes.entrypoints.periodic import mark_all_overdue

from .conftest import Api, World
from .flow import TODAY, outbox, receive, step


async def test_due_date_is_fifteen_days_after_acceptance(api: Api, world: World) -> None:
    case = await receive(api, world)
    accepted_on = TODAY - timedelta(days=1)
    accepted = await step(api, case["id"], "accept", {"accepted_on": accepted_on.isoformat()})
    assert accepted["due_on"] == (accepted_on + timedelta(days=15)).isoformat()
    event = (await outbox(api))[-1]
    assert event["type"] == "disputes.case.accepted"
    assert event["due_on"] == accepted["due_on"]


async def test_extension_needs_both_parties_and_at_most_fifteen_days(
    api: Api, world: World
) -> None:
    case = await receive(api, world)
    cid = case["id"]
    accepted = await step(api, cid, "accept", {"accepted_on": TODAY.isoformat()})
    due = date.fromisoformat(accepted["due_on"])
    later = (due + timedelta(days=10)).isoformat()
    refused = await step(
        api,
        cid,
        "extension",
        {"due_on": later, "both_parties_agreed": False, "reason": "party_request"},
        expect=422,
    )
    assert refused["errors"][0]["field"] == "both_parties_agreed"
    too_far = (due + timedelta(days=16)).isoformat()
    refused = await step(
        api,
        cid,
        "extension",
        {"due_on": too_far, "both_parties_agreed": True, "reason": "party_request"},
        expect=422,
    )
    assert refused["errors"][0]["field"] == "due_on"
    backwards = (due - timedelta(days=1)).isoformat()
    await step(
        api,
        cid,
        "extension",
        {"due_on": backwards, "both_parties_agreed": True, "reason": "party_request"},
        expect=422,
    )
    extended = await step(
        api,
        cid,
        "extension",
        {"due_on": later, "both_parties_agreed": True, "reason": "party_request"},
    )
    assert extended["due_on"] == later
    assert (await outbox(api))[-1]["type"] == "disputes.case.deadline_extended"


async def test_overdue_cases_are_listed_marked_once_and_counted(api: Api, world: World) -> None:
    soon = await receive(api, world)
    await step(api, soon["id"], "accept", {"accepted_on": TODAY.isoformat()})
    late = await receive(api, world)
    await step(api, late["id"], "accept", {"accepted_on": TODAY.isoformat()})
    await step(api, late["id"], "mediator", {"mediator_id": world.mediator})
    far = await receive(api, world)
    await step(api, far["id"], "accept", {"accepted_on": TODAY.isoformat()})
    far_due = TODAY + timedelta(days=29)
    await step(
        api,
        far["id"],
        "extension",
        {"due_on": far_due.isoformat(), "both_parties_agreed": True, "reason": "party_request"},
    )
    api.container.clock = lambda: TODAY + timedelta(days=16)
    assert await mark_all_overdue(api.container) == 2
    assert await mark_all_overdue(api.container) == 0
    overdue = [e for e in await outbox(api) if e["type"] == "disputes.case.overdue"]
    assert sorted(e["case_id"] for e in overdue) == sorted([soon["id"], late["id"]])
    assert all(e["occurred_on"] == (TODAY + timedelta(days=16)).isoformat() for e in overdue)
    listed = (await api.get("/api/v1/cases/deadlines", within_days=14, expect=200)).json()
    assert {c["id"]: c["overdue"] for c in listed} == {
        soon["id"]: True,
        late["id"]: True,
        far["id"]: False,
    }
    assert [c["days_left"] for c in listed] == [-1, -1, 13]
    summary = (await api.get("/api/v1/cases/summary", expect=200)).json()
    assert summary["overdue"] == 2
    assert summary["open"] == 3
    failed = await step(
        api,
        late["id"],
        "failure",
        {"reason": "deadline_passed", "failed_on": TODAY.isoformat()},
        expect=422,
    )
    assert failed["errors"][0]["field"] == "reason"
