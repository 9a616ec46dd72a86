"""Dispute steps on the member timeline: shown to the roles entitled to dispute data only.

M9 is a member of UA (admitted 2023-01-01) and applies in K1; M1, known to the disputes
service only, applies in K2 (both cases handled by community A's committee).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from reporting.adapters.queries.timeline import member_timeline

from .conftest import Bus
from .dispute_world import Api, api, build_world, world

pytestmark = pytest.mark.integration
__all__ = ["api", "world"]
M9_STORY = [
    ("2023-01-01", "入会", "membership.member.admitted"),
    ("2024-01-08", "劳动争议登记", "disputes.case.received"),
    ("2024-01-09", "劳动争议受理", "disputes.case.accepted"),
    ("2024-01-20", "调解成功", "disputes.case.settled"),
    ("2024-01-20", "劳动争议办结", "disputes.case.closed"),
]
M1_STORY = [
    ("2024-02-01", "劳动争议登记"),
    ("2024-02-02", "劳动争议受理"),
    ("2024-02-16", "调解不成"),
    ("2024-02-18", "转仲裁"),
    ("2024-02-18", "劳动争议办结"),
]


async def timeline(api: Api, member: UUID, role: str, org: UUID | None) -> list[dict[str, Any]]:
    body = await api.json(f"/api/v1/members/{member}/timeline", role, org)
    entries: list[dict[str, Any]] = body["entries"]
    return entries


async def test_entitled_roles_see_the_case_steps_in_order(api: Api) -> None:
    s = api.street
    for role, org in (("mediator", s.a), ("auditor", s.district), ("city_admin", None)):
        entries = await timeline(api, s.heads[9], role, org)
        assert [(e["occurred_on"], e["label"], e["event_type"]) for e in entries] == M9_STORY
        settled = entries[3]
        assert (settled["details"]["agreed_fen"], settled["org_id"]) == (4_000_000, str(s.a))
        story = await timeline(api, s.heads[1], role, org)
        assert [(e["occurred_on"], e["label"]) for e in story] == M1_STORY


async def test_other_roles_do_not_see_dispute_steps_at_all(api: Api) -> None:
    s = api.street
    for role in ("union_cadre", "assistance_officer"):
        entries = await timeline(api, s.heads[9], role, s.a)
        assert [e["label"] for e in entries] == ["入会"], role
        # M1 has only dispute steps: for these roles there is no such member.
        hidden = await api.get(f"/api/v1/members/{s.heads[1]}/timeline", role, s.a)
        assert hidden.status_code == 404, role
    analyst = await api.get(f"/api/v1/members/{s.heads[1]}/timeline", "analyst", s.district)
    assert analyst.status_code == 403


async def test_a_mediator_of_another_community_gets_404(api: Api) -> None:
    s = api.street
    other = await api.get(f"/api/v1/members/{s.heads[1]}/timeline", "mediator", s.b)
    assert other.status_code == 404
    # M9's admission lies in A's subtree too: the mediator of B sees no such member either.
    assert (await api.get(f"/api/v1/members/{s.heads[9]}/timeline", "mediator", s.b)
            ).status_code == 404  # fmt: skip


async def test_steps_delivered_before_the_registration_still_reach_the_applicant(
    bus: Bus,
) -> None:
    shuffled = await build_world(bus, shuffle_seed=7)
    async with bus.pool.acquire() as conn:
        entries = await member_timeline(conn, shuffled.street.heads[1])
    assert [(str(e.occurred_on), e.event_type.rsplit(".", 1)[1]) for e in entries] == [
        ("2024-02-01", "received"), ("2024-02-02", "accepted"), ("2024-02-16", "failed"),
        ("2024-02-18", "referred"), ("2024-02-18", "closed"),
    ]  # fmt: skip
