"""Privacy and access: parties sealed at rest, masked in answers, absent from events and logs;
mediators see their own organisation's subtree only; every read of a case is logged."""

from __future__ import annotations

import json
import logging

import pytest
from shared.testing.pii_scan import find_in_clear

from .conftest import Api, World
from .flow import ID_NUMBER, NAME, PHONE, TODAY, mediating, outbox, receive, settle, step

MINUTES_SECRET = "王建国陈述：单位拖欠工资。"


def keyed(headers: dict[str, str], key: str) -> dict[str, str]:
    return {**headers, "Idempotency-Key": key}


async def test_no_party_data_in_clear_at_rest_in_events_or_logs(
    api: Api, world: World, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    case = await mediating(api, world)
    await settle(api, case["id"])
    keyed_case = await api.post(
        "/api/v1/cases", {**(await _body(world))}, headers=keyed(api.token(), "case-1"), expect=201
    )
    await api.get(f"/api/v1/cases/{keyed_case.json()['id']}", reveal=True, expect=200)
    contact = {
        "org_id": world.street,
        "channel": "phone",
        "workers_involved": 1,
        "contacted_on": TODAY.isoformat(),
        "topic": f"{NAME}咨询欠薪",
        "caller_name": NAME,
    }
    await api.post("/api/v1/contacts", contact, expect=201)
    secrets = [NAME, ID_NUMBER, PHONE, "赵小红", MINUTES_SECRET, "李调解", "13912345678"]
    found = await find_in_clear(database_url, secrets)
    assert [(f.place, f.value) for f in found] == []
    published = json.dumps(await outbox(api), ensure_ascii=False)
    assert [s for s in secrets if s in published] == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert [s for s in secrets if s in logged] == []


async def _body(world: World) -> dict[str, object]:
    from .flow import case_body

    return case_body(world)


async def test_answers_mask_parties_unless_a_mediator_reveals(api: Api, world: World) -> None:
    case = await receive(api, world)
    applicant = case["applicants"][0]
    assert applicant["name"] == "王**"
    assert applicant["phone"] == "138****5678"
    assert applicant["id_number"] == ID_NUMBER[:6] + "********" + ID_NUMBER[-4:]
    assert case["facts"] is None
    auditor = api.token("auditor", world.city)
    masked = (
        await api.get(f"/api/v1/cases/{case['id']}", headers=auditor, reveal=True, expect=200)
    ).json()
    assert masked["applicants"][0]["name"] == "王**"
    assert masked["facts"] is None
    shown = (
        await api.get(
            f"/api/v1/cases/{case['id']}",
            headers=world.mediator_token(api),
            reveal=True,
            expect=200,
        )
    ).json()
    assert shown["applicants"][0]["name"] == NAME
    assert NAME in shown["facts"]


async def test_mediators_see_and_act_in_their_own_subtree_only(api: Api, world: World) -> None:
    street_case = await receive(api, world)
    room_case = await receive(api, world, org_id=world.community_b, mediation_org_id=world.room_b)
    room_mediator = api.token("mediator", world.community_b)
    listed = (await api.get("/api/v1/cases", headers=room_mediator, expect=200)).json()
    assert [c["id"] for c in listed["items"]] == [room_case["id"]]
    await api.get(f"/api/v1/cases/{street_case['id']}", headers=room_mediator, expect=404)
    refused = await step(
        api,
        street_case["id"],
        "accept",
        {"accepted_on": TODAY.isoformat()},
        expect=404,
        headers=room_mediator,
    )
    assert refused["errors"][0]["field"] == "case_id"
    street = (await api.get("/api/v1/cases", headers=world.mediator_token(api), expect=200)).json()
    assert {c["id"] for c in street["items"]} == {street_case["id"], room_case["id"]}
    body = await _body(world)
    response = await api.post("/api/v1/cases", body, headers=room_mediator)
    assert response.status_code == 403
    assert response.json()["errors"][0]["field"] == "org_id"
    await step(
        api, room_case["id"], "accept", {"accepted_on": TODAY.isoformat()}, headers=room_mediator
    )
    assigned = await step(
        api, room_case["id"], "mediator", {"mediator_id": world.mediator}, headers=room_mediator
    )
    assert assigned["mediator_id"] == world.mediator
    await step(api, street_case["id"], "accept", {"accepted_on": TODAY.isoformat()})
    outside = await step(
        api, street_case["id"], "mediator", {"mediator_id": world.mediator_b}, expect=422
    )
    assert outside["errors"][0]["field"] == "mediator_id"
    await api.get("/api/v1/cases", headers=api.token("union_cadre", world.street), expect=403)


async def test_every_read_of_a_case_is_logged(api: Api, world: World) -> None:
    case = await receive(api, world)
    mediator = world.mediator_token(api)
    await api.get(f"/api/v1/cases/{case['id']}", headers=mediator, expect=200)
    await api.get(f"/api/v1/cases/{case['id']}", headers=mediator, reveal=True, expect=200)
    await api.get("/api/v1/cases", headers=mediator, expect=200)
    await api.get(f"/api/v1/cases/{case['id']}/history", headers=mediator, expect=200)
    auditor = api.token("auditor", world.city)
    log = (
        await api.get("/api/v1/access-log", headers=auditor, case_id=case["id"], expect=200)
    ).json()
    actions = [(r["subject"], r["action"]) for r in reversed(log["items"])]
    subject = f"mediator-{world.street}"
    assert actions == [
        ("city_admin-city", "received"),
        (subject, "detail"),
        (subject, "detail:reveal"),
        (subject, "list"),
        (subject, "history"),
    ]
    await api.get("/api/v1/access-log", headers=mediator, expect=403)
