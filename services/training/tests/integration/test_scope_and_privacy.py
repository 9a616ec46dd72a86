"""Scope (a coordinator sees and changes only their subtree) and personal data: sealed at
rest, masked in answers, absent from events and logs."""

from __future__ import annotations

import logging

import asyncpg
import pytest
from shared.identifiers import today_in_china
from shared.testing.pii_scan import find_in_clear

from services.training.tests.integration.bodies import class_body, person
from services.training.tests.integration.conftest import Api, Tree, admit

pytestmark = pytest.mark.integration


async def test_coordinators_see_and_change_only_their_subtree(api: Api, tree: Tree) -> None:
    mine, theirs = tree.coordinator(api), tree.coordinator(api, tree.community_b)
    answer = await api.post("/api/v1/classes", class_body(tree.union_a), headers=mine, expect=201)
    class_id = answer.json()["id"]
    outside = await api.post("/api/v1/classes", class_body(tree.union_a), headers=theirs)
    assert outside.status_code == 403, outside.text
    assert (await api.get(f"/api/v1/classes/{class_id}", headers=theirs)).status_code == 404
    assert (await api.get("/api/v1/classes", headers=theirs, expect=200)).json()["total"] == 0
    street = api.token("training_coordinator", tree.street)
    assert (await api.get("/api/v1/classes", headers=street, expect=200)).json()["total"] == 1
    foreign = await api.post(f"/api/v1/classes/{class_id}/enrolments", {"person": person(1)},
                             headers=theirs)  # fmt: skip
    assert foreign.status_code == 404, foreign.text
    analyst = await api.get("/api/v1/classes", headers=api.token("analyst", tree.street))
    assert analyst.status_code == 403


async def test_personal_data_sealed_masked_and_absent_from_events_and_logs(
    api: Api, tree: Tree, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    member = await admit(api, tree.union_a, tree.employer_a)
    someone = person(77, member_id=member)
    headers = tree.coordinator(api)
    answer = await api.post(
        "/api/v1/classes", class_body(tree.union_a), headers=headers, expect=201
    )
    enrolled = await api.post(f"/api/v1/classes/{answer.json()['id']}/enrolments",
                              {"person": someone}, headers=headers, expect=201)  # fmt: skip
    shown = enrolled.json()["person"]
    assert shown["member_id"] == member
    assert someone["name"] not in str(enrolled.json())
    assert someone["id_number"] not in str(enrolled.json())
    revealed = await api.get(f"/api/v1/enrolments/{enrolled.json()['id']}", reveal="true",
                             headers=headers, expect=200)  # fmt: skip
    assert revealed.json()["person"]["id_number"] == someone["id_number"]
    cadre = await api.get(f"/api/v1/enrolments/{enrolled.json()['id']}", reveal="true",
                          headers=api.token("union_cadre", tree.union_a), expect=200)  # fmt: skip
    assert cadre.json()["person"]["name"] != someone["name"]
    seeker = await api.post("/api/v1/seekers", {"org_id": tree.union_a, "person": someone,
                            "status": "laid_off", "wanted_occupation": "电工"}, headers=headers,
                            expect=201)  # fmt: skip
    # A placement carries the person link: a pseudonym, never the ID number it is made from.
    await api.post("/api/v1/placements", {"seeker_id": seeker.json()["id"], "channel": "other",
                   "employer_name": "甲电子有限公司", "placed_on": today_in_china().isoformat()}, headers=headers,
                   expect=201)  # fmt: skip
    secrets = [someone["name"], someone["id_number"], someone["phone"]]
    assert await find_in_clear(api.settings.database_url, secrets) == []
    await assert_events_carry_no_personal_data(api, secrets)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not any(secret in logged for secret in secrets)


async def assert_events_carry_no_personal_data(api: Api, secrets: list[str]) -> None:
    conn = await asyncpg.connect(api.settings.database_url)
    try:
        payloads = await conn.fetch("SELECT event_type, payload::text AS body FROM training.outbox")
    finally:
        await conn.close()
    types = {row["event_type"] for row in payloads}
    assert {
        "training.enrolment.enrolled",
        "training.seeker.registered",
        "training.placement.recorded",
    } <= types
    for row in payloads:
        assert not any(secret in row["body"] for secret in secrets)
    assert await api.relay() == len(payloads)
