"""Driving a case through the API, step by step, for the integration tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from shared.identifiers import make_id_number, today_in_china

from .conftest import Api, World

TODAY = today_in_china()
ID_NUMBER = make_id_number("320102", date(1988, 5, 17), 12, "male")
PHONE = "13812345678"
NAME = "王建国"


def case_body(world: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "org_id": world.street,
        "mediation_org_id": world.centre,
        "channel": "visit",
        "category": "wages",
        "applicants": [
            {
                "name": NAME,
                "id_number": ID_NUMBER,
                "phone": PHONE,
                "member_id": world.member,
                "migrant_worker": True,
            },
            {"name": "赵小红", "migrant_worker": False},
        ],
        "workers_involved": 2,
        "migrant_workers": 1,
        "employer_id": world.employer,
        "claimed_fen": 1_234_567,
        "facts": f"{NAME}等二人被拖欠三个月工资。",
        "claims": "支付拖欠工资12345.67元。",
        "received_on": (TODAY - timedelta(days=2)).isoformat(),
    }
    body.update(overrides)
    return body


async def receive(api: Api, world: World, **overrides: Any) -> dict[str, Any]:
    response = await api.post("/api/v1/cases", case_body(world, **overrides), expect=201)
    return dict(response.json())


async def step(
    api: Api,
    case_id: str,
    action: str,
    body: dict[str, Any],
    expect: int = 200,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    response = await api.post(
        f"/api/v1/cases/{case_id}/{action}", body, expect=expect, headers=headers
    )
    return dict(response.json())


async def mediating(api: Api, world: World, **overrides: Any) -> dict[str, Any]:
    """A case received, accepted and with its mediator, one session held."""
    case = await receive(api, world, **overrides)
    cid = case["id"]
    await step(api, cid, "accept", {"accepted_on": TODAY.isoformat()})
    await step(api, cid, "mediator", {"mediator_id": world.mediator})
    await step(api, cid, "sessions", {"scheduled_on": TODAY.isoformat()})
    record = {
        "held_on": TODAY.isoformat(),
        "attendees": [NAME, "单位代表"],
        "minutes": f"{NAME}陈述：单位拖欠工资。单位代表同意分期支付。",
    }
    return await step(api, cid, "sessions/1/record", record)


async def settle(api: Api, case_id: str, agreed_fen: int = 1_000_000) -> dict[str, Any]:
    body = {
        "agreed_fen": agreed_fen,
        "terms": "被申请人于十日内一次性支付拖欠工资。",
        "signed_on": TODAY.isoformat(),
        "pay_by": (TODAY + timedelta(days=10)).isoformat(),
        "worker_confirmed": True,
        "employer_confirmed": True,
    }
    return await step(api, case_id, "settlement", body)


async def outbox(api: Api) -> list[dict[str, Any]]:
    """Every event the service wrote to its outbox, oldest first."""
    async with api.container.pool.acquire() as conn:
        rows = await conn.fetch("SELECT event_type, payload FROM outbox ORDER BY position")
    return [{"type": r["event_type"], **r["payload"].get("data", r["payload"])} for r in rows]
