"""Reception, the mediation network's warnings, legal aid, and idempotent commands."""

from __future__ import annotations

from .conftest import Api, World
from .flow import TODAY, case_body, outbox, receive, step


async def test_a_contact_is_answered_or_turned_into_a_case(api: Api, world: World) -> None:
    body = {
        "org_id": world.street,
        "channel": "visit",
        "workers_involved": 3,
        "contacted_on": TODAY.isoformat(),
        "topic": "三名职工反映加班费未支付",
        "category": "wages",
    }
    answered = (await api.post("/api/v1/contacts", body, expect=201)).json()
    done = (
        await api.post(
            f"/api/v1/contacts/{answered['id']}/answer",
            {"answer": "已解答加班费计算标准", "closed_on": TODAY.isoformat()},
            expect=200,
        )
    ).json()
    assert done["status"] == "answered"
    again = await api.post(
        f"/api/v1/contacts/{answered['id']}/answer",
        {"answer": "再次答复", "closed_on": TODAY.isoformat()},
    )
    assert again.status_code == 422
    assert again.json()["errors"][0]["field"] == "status"
    opened = (await api.post("/api/v1/contacts", {**body, "channel": "letter"}, expect=201)).json()
    case = await receive(api, world, contact_id=opened["id"], channel="letter")
    turned = (
        await api.post(
            f"/api/v1/contacts/{opened['id']}/case",
            {"case_id": case["id"], "closed_on": TODAY.isoformat()},
            expect=200,
        )
    ).json()
    assert turned["status"] == "case_opened"
    assert turned["case_id"] == case["id"]
    events = [
        (e["type"], e.get("outcome"))
        for e in await outbox(api)
        if e["type"].startswith("disputes.contact")
    ]
    assert events == [
        ("disputes.contact.logged", None),
        ("disputes.contact.closed", "answered"),
        ("disputes.contact.logged", None),
        ("disputes.contact.closed", "case_opened"),
    ]
    listed = (await api.get("/api/v1/contacts", expect=200)).json()
    assert listed["total"] == 2


async def test_a_reporter_reports_a_risk(api: Api, world: World) -> None:
    reporter = {
        "org_id": world.union_a,
        "employer_id": world.employer,
        "name": "周预警",
        "phone": "13700001111",
    }
    made = (await api.post("/api/v1/warning-reporters", reporter, expect=201)).json()
    assert made["role"] == "reporter"
    assert made["name"] == "周**"
    listed = (await api.get("/api/v1/people", role="reporter")).json()["items"]
    assert [(p["id"], p["name"], p["active"]) for p in listed] == [(made["id"], "周**", True)]
    warning = {
        "reporter_id": made["id"],
        "risk": "wage_arrears",
        "workers_at_risk": 40,
        "reported_on": TODAY.isoformat(),
        "note": "企业资金链紧张",
    }
    await api.post("/api/v1/warnings", warning, expect=201)
    event = (await outbox(api))[-1]
    assert event["type"] == "disputes.warning.risk_reported"
    assert event["employer_id"] == world.employer
    assert event["workers_at_risk"] == 40
    await api.post(f"/api/v1/people/{made['id']}/retirement", {}, expect=200)
    refused = await api.post("/api/v1/warnings", warning)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "reporter_id"


async def test_legal_aid_on_a_case(api: Api, world: World) -> None:
    case = await receive(api, world)
    body = {
        "org_id": world.street,
        "provider": "玄武区法律援助中心",
        "stage": "arbitration",
        "granted_on": TODAY.isoformat(),
        "case_id": case["id"],
        "member_id": world.member,
    }
    aid = (await api.post("/api/v1/legal-aid", body, expect=201)).json()
    concluded = (
        await api.post(
            f"/api/v1/legal-aid/{aid['id']}/conclusion",
            {"outcome": "won", "amount_fen": 500_000, "concluded_on": TODAY.isoformat()},
            expect=200,
        )
    ).json()
    assert concluded["outcome"] == "won"
    types = [e["type"] for e in await outbox(api)][-2:]
    assert types == ["disputes.legal_aid.granted", "disputes.legal_aid.concluded"]
    again = await api.post(
        f"/api/v1/legal-aid/{aid['id']}/conclusion",
        {"outcome": "won", "amount_fen": 1, "concluded_on": TODAY.isoformat()},
    )
    assert again.status_code == 422


async def test_a_retried_command_answers_the_first_response(api: Api, world: World) -> None:
    headers = {**api.token(), "Idempotency-Key": "receive-once"}
    first = await api.post("/api/v1/cases", case_body(world), headers=headers, expect=201)
    second = await api.post("/api/v1/cases", case_body(world), headers=headers, expect=201)
    assert second.json()["id"] == first.json()["id"]
    accept = {**api.token(), "Idempotency-Key": "accept-once"}
    cid = first.json()["id"]
    await step(api, cid, "accept", {"accepted_on": TODAY.isoformat()}, headers=accept)
    await step(api, cid, "accept", {"accepted_on": TODAY.isoformat()}, headers=accept)
    types = [e["type"] for e in await outbox(api)]
    assert types == ["disputes.case.received", "disputes.case.accepted"]


async def test_the_employer_must_be_known_or_named_with_a_valid_uscc(
    api: Api, world: World
) -> None:
    unknown = case_body(world, employer_id="00000000-0000-0000-0000-000000000001")
    response = await api.post("/api/v1/cases", unknown)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "employer_id"
    named = case_body(
        world, employer_id=None, employer_name="某餐饮店", employer_uscc="91320102MA1X2Y3W40"
    )
    response = await api.post("/api/v1/cases", named)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "employer_uscc"
    bad_id = case_body(world)
    bad_id["applicants"][0]["id_number"] = "320102198805170000"
    response = await api.post("/api/v1/cases", bad_id)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "applicants[0].id_number"
