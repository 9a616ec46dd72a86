"""A case from registration to 办结 through the API, and each illegal step refused."""

from __future__ import annotations

from datetime import timedelta

from .conftest import Api, World
from .flow import TODAY, mediating, outbox, receive, settle, step


async def test_settled_case_closes_and_publishes_each_step(api: Api, world: World) -> None:
    case = await mediating(api, world)
    assert case["status"] == "mediating"
    assert case["due_on"] == (TODAY + timedelta(days=15)).isoformat()
    settled = await settle(api, case["id"], agreed_fen=1_000_000)
    assert settled["status"] == "settled"
    assert settled["agreement"]["agreed_fen"] == 1_000_000
    paid = await step(
        api, case["id"], "recoveries", {"amount_fen": 400_000, "received_on": TODAY.isoformat()}
    )
    assert paid["recovered_fen"] == 400_000
    closed = await step(api, case["id"], "closure", {"closed_on": TODAY.isoformat()})
    assert closed["status"] == "closed"
    assert closed["closing_outcome"] == "settled"
    types = [e["type"] for e in await outbox(api)]
    assert types == [
        "disputes.case.received",
        "disputes.case.accepted",
        "disputes.case.mediator_assigned",
        "disputes.case.session_held",
        "disputes.case.settled",
        "disputes.case.recovery_recorded",
        "disputes.case.closed",
    ]
    settled_event = next(e for e in await outbox(api) if e["type"] == "disputes.case.settled")
    assert settled_event["category"] == "wages"
    assert settled_event["applicant_member_ids"] == [world.member]
    assert settled_event["employer_id"] == world.employer


async def _refused(
    api: Api, case_id: str, action: str, body: dict[str, object], field: str, status: int = 422
) -> None:
    """The step is refused with problem+json (Chinese title, the field) and writes nothing."""
    async with api.container.pool.acquire() as conn:
        before = await conn.fetchrow(
            "SELECT c.version, (SELECT count(*) FROM case_history h WHERE h.case_id = c.id) AS h,"
            " (SELECT count(*) FROM outbox) AS o FROM cases c WHERE c.id = $1::uuid",
            case_id,
        )
    response = await api.post(f"/api/v1/cases/{case_id}/{action}", body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem["title"])
    assert [e["field"] for e in problem["errors"]] == [field]
    async with api.container.pool.acquire() as conn:
        after = await conn.fetchrow(
            "SELECT c.version, (SELECT count(*) FROM case_history h WHERE h.case_id = c.id) AS h,"
            " (SELECT count(*) FROM outbox) AS o FROM cases c WHERE c.id = $1::uuid",
            case_id,
        )
    assert dict(after) == dict(before)


async def test_illegal_transitions_are_refused_and_write_nothing(api: Api, world: World) -> None:
    case = await receive(api, world)
    cid, today = case["id"], TODAY.isoformat()
    await _refused(api, cid, "mediator", {"mediator_id": world.mediator}, "status")
    await _refused(
        api,
        cid,
        "settlement",
        {
            "agreed_fen": 1,
            "terms": "x",
            "signed_on": today,
            "worker_confirmed": True,
            "employer_confirmed": True,
        },
        "status",
    )
    await _refused(api, cid, "closure", {"closed_on": today}, "status")
    await _refused(api, cid, "failure", {"reason": "no_agreement", "failed_on": today}, "status")
    await _refused(api, cid, "referral", {"referred_on": today}, "status")
    await step(api, cid, "accept", {"accepted_on": today})
    await _refused(api, cid, "accept", {"accepted_on": today}, "status")
    await _refused(api, cid, "closure", {"closed_on": today}, "status")
    await step(api, cid, "mediator", {"mediator_id": world.mediator})
    await _refused(
        api,
        cid,
        "settlement",
        {
            "agreed_fen": 1,
            "terms": "x",
            "signed_on": today,
            "worker_confirmed": True,
            "employer_confirmed": True,
        },
        "sessions",
    )
    await step(api, cid, "sessions", {"scheduled_on": today})
    await step(
        api,
        cid,
        "sessions/1/record",
        {"held_on": today, "attendees": ["甲"], "minutes": "未达成一致"},
    )
    await _refused(
        api,
        cid,
        "settlement",
        {
            "agreed_fen": 1,
            "terms": "x",
            "signed_on": today,
            "worker_confirmed": True,
            "employer_confirmed": False,
        },
        "employer_confirmed",
    )
    await _refused(api, cid, "recoveries", {"amount_fen": 1, "received_on": today}, "status")
    await step(api, cid, "failure", {"reason": "no_agreement", "failed_on": today})
    await _refused(api, cid, "closure", {"closed_on": today}, "status")
    await step(api, cid, "referral", {"referred_on": today})
    closed = await step(api, cid, "closure", {"closed_on": today})
    assert closed["closing_outcome"] == "referred"
    await _refused(api, cid, "withdrawal", {"withdrawn_on": today}, "status")


async def test_declined_and_withdrawn_cases_close(api: Api, world: World) -> None:
    today = TODAY.isoformat()
    declined = await receive(api, world)
    await step(api, declined["id"], "decline", {"reason": "time_barred", "declined_on": today})
    closed = await step(api, declined["id"], "closure", {"closed_on": today})
    assert closed["closing_outcome"] == "declined"
    withdrawn = await receive(api, world)
    await step(api, withdrawn["id"], "accept", {"accepted_on": today})
    await step(api, withdrawn["id"], "withdrawal", {"withdrawn_on": today})
    closed = await step(api, withdrawn["id"], "closure", {"closed_on": today})
    assert closed["closing_outcome"] == "withdrawn"


async def test_collective_dispute_and_counts(api: Api, world: World) -> None:
    case = await receive(api, world, workers_involved=12, migrant_workers=9)
    assert case["collective"] is True
    received = (await outbox(api))[0]
    assert received["collective"] is True
    assert received["migrant_workers"] == 9
    response = await api.post("/api/v1/cases", {**(await _body(world)), "migrant_workers": 5})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "migrant_workers"


async def _body(world: World) -> dict[str, object]:
    from .flow import case_body

    return case_body(world)
