"""Assistance entries of the member timeline: shown to entitled roles only, never to others.

M9 (head of H9) is a member of UA; M4 (head of H4) is known to assistance only, never admitted.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from .assistance_world import Api, api, world

pytestmark = pytest.mark.integration
__all__ = ["api", "world"]
M9_STORY = [
    ("2023-01-01", "入会", "membership.member.admitted"),
    ("2023-11-15", "困难职工建档", "assistance.household.filed"),
    ("2024-02-02", "走访慰问", "assistance.visit.recorded"),
    ("2024-02-05", "帮扶资金发放", "assistance.aid.paid"),
    ("2024-03-20", "帮扶申请", "assistance.application.submitted"),
    ("2024-04-02", "走访慰问", "assistance.visit.recorded"),
    ("2024-04-05", "帮扶申请审批通过", "assistance.application.approved"),
    ("2024-04-10", "帮扶资金发放", "assistance.aid.paid"),
]


async def timeline(api: Api, member: UUID, role: str, org: UUID | None) -> list[dict[str, Any]]:
    body = await api.json(f"/api/v1/members/{member}/timeline", role, org)
    entries: list[dict[str, Any]] = body["entries"]
    return entries


async def test_entitled_roles_see_the_aid_payments_in_order(api: Api) -> None:
    s = api.street
    for role, org in (("assistance_officer", s.s1), ("auditor", s.district), ("city_admin", None)):
        entries = await timeline(api, s.heads[9], role, org)
        assert [(e["occurred_on"], e["label"], e["event_type"]) for e in entries] == M9_STORY
    medical = entries[-1]
    assert medical["details"]["programme"] == "medical_aid"
    assert medical["details"]["amount_fen"] == 800_000
    assert medical["org_id"] == str(s.ua)


async def test_cadres_see_membership_only_and_analysts_nothing(api: Api) -> None:
    s = api.street
    entries = await timeline(api, s.heads[9], "union_cadre", s.a)
    assert [e["label"] for e in entries] == ["入会"]
    analyst = await api.get(f"/api/v1/members/{s.heads[9]}/timeline", "analyst", s.district)
    assert analyst.status_code == 403
    # M4 has only assistance entries: for a cadre there is no such member at all.
    hidden = await api.get(f"/api/v1/members/{s.heads[4]}/timeline", "union_cadre", s.s1)
    assert hidden.status_code == 404


async def test_household_events_reach_the_head_and_scope_applies(api: Api) -> None:
    s = api.street
    entries = await timeline(api, s.heads[4], "assistance_officer", s.a)
    assert [e["label"] for e in entries] == [
        "困难职工建档", "互助保障参保", "走访慰问", "帮扶资金发放", "帮扶申请", "帮扶申请未通过",
    ]  # fmt: skip
    moved = await timeline(api, s.heads[10], "assistance_officer", s.district)
    relocation = next(e for e in moved if e["label"] == "档案转移")
    assert (relocation["org_id"], relocation["from_org_id"]) == (str(s.uc), str(s.ua))
    elsewhere = await api.get(f"/api/v1/members/{s.heads[9]}/timeline", "assistance_officer", s.s2)
    assert elsewhere.status_code == 404


async def test_hardship_entries_shown_are_logged_as_reads(api: Api) -> None:
    """Assistance logs every read of a file; a timeline showing hardship entries is one too."""
    s = api.street
    await timeline(api, s.heads[9], "assistance_officer", s.s1)
    await timeline(api, s.heads[9], "union_cadre", s.a)  # no hardship entry shown: no read

    log = await api.json("/api/v1/hardship-reads", "auditor", s.city, member_id=str(s.heads[9]))

    assert [(r["subject"], r["action"], r["entries"]) for r in log["items"]] == [
        ("assistance_officer-tester", "timeline", 7)
    ]
    assert log["items"][0]["roles"] == ["assistance_officer"]
    street_auditor = await api.get("/api/v1/hardship-reads", "auditor", s.s1)
    assert street_auditor.status_code == 403
    cadre = await api.get("/api/v1/hardship-reads", "union_cadre", s.city)
    assert cadre.status_code == 403
