"""Training entries of the member timeline: shown to the roles entitled to them, never to others.

pA1 (member mA1) was admitted to UA in 2023; pA5 (mA5) is known to training only; pB1 (mB1)
trained in community B. pA5's 3-month follow-up (v2, naming the person) follows the placement.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from .conftest import Bus
from .training_world import TrainingApi, build_world, serve, training_api, training_world

pytestmark = pytest.mark.integration
__all__ = ["training_api", "training_world"]
ADMITTED = ("2023-01-01", "入会", "membership.member.admitted")
MA1_TRAINING = [
    ("2024-01-12", "报名入班", "training.enrolment.enrolled"),
    ("2024-03-15", "培训结业", "training.enrolment.completed"),
    ("2024-03-20", "取得证书", "training.certificate.issued"),
    ("2024-05-15", "技能竞赛报名", "training.competition.entered"),
    ("2024-05-30", "技能竞赛名次", "training.competition.placed"),
]
MA5_STORY = [
    ("2024-01-08", "求职登记", "training.seeker.registered"),
    ("2024-01-12", "报名入班", "training.enrolment.enrolled"),
    ("2024-02-05", "退班", "training.enrolment.withdrawn"),
    ("2024-02-20", "实现再就业", "training.placement.recorded"),
    ("2024-05-20", "就业回访（3个月）：在岗", "training.placement.followed_up"),
]


async def story(api: TrainingApi, member: UUID, role: str, org: UUID | None) -> list[Any]:
    body = await api.json(f"/api/v1/members/{member}/timeline", role, org)
    return [(e["occurred_on"], e["label"], e["event_type"]) for e in body["entries"]]


async def test_cadres_administrators_and_auditors_see_membership_and_training(
    training_api: TrainingApi,
) -> None:
    s = training_api.street
    for role, org in (("union_cadre", s.a), ("auditor", s.district), ("city_admin", None)):
        assert await story(training_api, s.ids["mA1"], role, org) == [ADMITTED, *MA1_TRAINING]
    assert await story(training_api, s.ids["mA5"], "union_cadre", s.s1) == MA5_STORY


async def test_coordinators_see_training_only_assistance_officers_none(
    training_api: TrainingApi,
) -> None:
    s = training_api.street
    coordinator = await story(training_api, s.ids["mA1"], "training_coordinator", s.s1)
    assert coordinator == MA1_TRAINING
    officer = await story(training_api, s.ids["mA1"], "assistance_officer", s.s1)
    assert officer == [ADMITTED]
    # mA5 has training entries only: for an assistance officer there is no such member.
    hidden = await training_api.get(f"/api/v1/members/{s.ids['mA5']}/timeline",
                                    "assistance_officer", s.s1)  # fmt: skip
    assert hidden.status_code == 404
    analyst = await training_api.get(f"/api/v1/members/{s.ids['mA1']}/timeline", "analyst",
                                     s.district)  # fmt: skip
    assert analyst.status_code == 403


async def test_scope_details_and_no_hardship_read_logged(training_api: TrainingApi) -> None:
    s = training_api.street
    elsewhere = await training_api.get(f"/api/v1/members/{s.ids['mA1']}/timeline",
                                       "training_coordinator", s.b)  # fmt: skip
    assert elsewhere.status_code == 404
    mb1 = await story(training_api, s.ids["mB1"], "training_coordinator", s.b)
    assert [label for _, label, _ in mb1] == ["报名入班", "培训结业", "取得证书"]
    body = await training_api.json(f"/api/v1/members/{s.ids['mA5']}/timeline", "city_admin")
    placed = next(e for e in body["entries"] if e["event_type"] == "training.placement.recorded")
    assert (placed["org_id"], placed["details"]["channel"]) == (str(s.a), "posting")
    assert placed["details"]["reemployment"] is True
    log = await training_api.json("/api/v1/hardship-reads", "auditor", s.city,
                                  member_id=str(s.ids["mA5"]))  # fmt: skip
    assert log["items"] == []


async def test_copies_and_any_order_add_no_entry(bus: Bus) -> None:
    world = await build_world(bus, seed=5)
    async for api in serve(world):
        s = api.street
        assert await story(api, s.ids["mA1"], "city_admin", None) == [ADMITTED, *MA1_TRAINING]
        assert await story(api, s.ids["mA5"], "city_admin", None) == MA5_STORY
