"""移交: an open case handed from a community mediation room up to the street's centre."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from shared.contracts import membership as contracts

from .conftest import Api, World, mediation_org
from .flow import TODAY, case_body, mediating, outbox, settle, step


async def _mediating_in_room_b(api: Api, world: World) -> dict[str, Any]:
    """A case received by community B's room, accepted, with the room's mediator."""
    headers = api.token("mediator", world.community_b)
    body = {
        "org_id": world.community_b,
        "mediation_org_id": world.room_b,
        "applicants": [{"name": "赵小红"}],
        "workers_involved": 1,
        "migrant_workers": 0,
    }
    response = await api.post("/api/v1/cases", case_body(world, **body), headers=headers)
    assert response.status_code == 201, response.text
    cid = response.json()["id"]
    await step(api, cid, "accept", {"accepted_on": TODAY.isoformat()}, headers=headers)
    return await step(api, cid, "mediator", {"mediator_id": world.mediator_b}, headers=headers)


def _fields(problem: dict[str, Any]) -> list[str]:
    return [e["field"] for e in problem["errors"]]


def _to(mediation_org_id: str, **more: Any) -> dict[str, Any]:
    return {"mediation_org_id": mediation_org_id, "reason": "escalated", **more}


async def test_a_community_room_hands_an_open_case_up_to_the_street_centre(
    api: Api, world: World
) -> None:
    case = await _mediating_in_room_b(api, world)
    room = api.token("mediator", world.community_b)
    moved = await step(api, case["id"], "transfer", _to(world.centre), headers=room)
    assert (moved["org_id"], moved["mediation_org_id"]) == (world.street, world.centre)
    assert (moved["status"], moved["mediator_id"]) == ("accepted", None)
    assert moved["due_on"] == case["due_on"]  # the mediation period runs on

    published = [e for e in await outbox(api) if e["type"] == "disputes.case.transferred"]
    assert len(published) == 1
    assert published[0]["org_id"] == world.street
    assert published[0]["from_org_id"] == world.community_b
    assert published[0]["from_mediation_org_id"] == world.room_b
    assert published[0]["mediation_org_id"] == world.centre
    assert published[0]["reason"] == "escalated"

    # The room no longer holds it; the street assigns its own mediator and goes on.
    await api.get(f"/api/v1/cases/{case['id']}", headers=room, expect=404)
    street = world.mediator_token(api)
    await step(api, case["id"], "mediator", {"mediator_id": world.mediator}, headers=street)
    history = (await api.get(f"/api/v1/cases/{case['id']}/history", expect=200)).json()
    assert [e["action"] for e in history][-2:] == ["CaseTransferred", "MediatorAssigned"]
    assert history[-2]["payload"]["from_org_id"] == world.community_b
    verified = await api.get(
        "/api/v1/audit/history-verification", headers=api.token("auditor", world.city), expect=200
    )
    assert verified.json()["intact"] is True


async def test_a_room_cannot_hand_a_case_sideways_to_a_sibling_community(
    api: Api, world: World
) -> None:
    room_a, _ = await mediation_org(api, world.community_a, "community_room", "汉中门社区调解室")
    case = await _mediating_in_room_b(api, world)
    room = api.token("mediator", world.community_b)
    refused = await step(api, case["id"], "transfer", _to(room_a), expect=403, headers=room)
    assert _fields(refused) == ["mediation_org_id"]
    # The street, whose subtree holds both communities, may.
    moved = await step(api, case["id"], "transfer", _to(room_a, reason="jurisdiction"))
    assert moved["org_id"] == world.community_a


async def test_a_case_with_an_outcome_or_already_there_does_not_move(
    api: Api, world: World
) -> None:
    case = await _mediating_in_room_b(api, world)
    same = await step(api, case["id"], "transfer", _to(world.room_b), expect=422)
    assert _fields(same) == ["mediation_org_id"]
    settled = await mediating(api, world)
    await settle(api, settled["id"])
    refused = await step(api, settled["id"], "transfer", _to(world.room_b), expect=422)
    assert _fields(refused) == ["status"]
    assert "移交" in refused["detail"]


async def test_a_case_does_not_move_to_a_dissolved_organisation(api: Api, world: World) -> None:
    case = await _mediating_in_room_b(api, world)
    dissolved = contracts.UnionDissolved(
        org_id=uuid.UUID(world.street), occurred_on=date(2024, 1, 1)
    )
    await api.publish(dissolved, uuid.UUID(world.street))
    await api.drain()
    refused = await step(api, case["id"], "transfer", _to(world.centre), expect=422)
    assert _fields(refused) == ["mediation_org_id"]
    assert "撤销" in refused["detail"]
