"""Last year's classes and placements entered this year keep their own dates (补录历史),
and who entered them and when.

A class run a year and more ago, its enrolment forms, a session's sheet and its completion are
entered with their own dates back to ``TRAINING_HISTORY_FROM`` (2015-01-01 by default), not
only a year back: the yearly report counts them in their own year. A date before the limit is
refused (422 problem+json, Chinese, the field named) and nothing is written.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import asyncpg
import httpx
import pytest
from shared.identifiers import today_in_china

from services.training.tests.integration.bodies import person
from services.training.tests.integration.conftest import Api, Tree
from services.training.tests.integration.test_classes import open_class
from services.training.tests.integration.test_employment import (
    hold_fair,
    last_event,
    register_seeker,
)

pytestmark = pytest.mark.integration
BEFORE_LIMIT = date(2014, 12, 31)  # the day before the default history limit


async def _written(api: Api) -> tuple[int, int, int]:
    """Enrolments, placements and outbox rows: what a refused command must leave alone."""
    conn = await asyncpg.connect(api.settings.database_url)
    try:
        row = await conn.fetchrow(
            "SELECT (SELECT count(*) FROM training.enrolments) AS e,"
            " (SELECT count(*) FROM training.placements) AS p,"
            " (SELECT count(*) FROM training.outbox) AS o"
        )
    finally:
        await conn.close()
    assert row is not None
    return row["e"], row["p"], row["o"]


def _refused_on(response: httpx.Response, field: str, label: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    (error,) = body["errors"]
    assert error["field"] == field, error
    assert label in error["message"], error
    assert "可补录历史的起始日 2015-01-01" in error["message"], error
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["title"]), body["title"]


async def test_a_class_of_more_than_a_year_ago_is_entered_with_its_dates(
    api: Api, tree: Tree
) -> None:
    today = today_in_china()
    starts_on, ends_on = today - timedelta(days=500), today - timedelta(days=470)
    class_id = await open_class(api, tree, sessions_planned=1, min_attendance_percent=100,
                                starts_on=str(starts_on), ends_on=str(ends_on))  # fmt: skip
    headers, enrolled_on = tree.coordinator(api), starts_on - timedelta(days=10)
    path = f"/api/v1/classes/{class_id}/enrolments"
    made = await api.post(path, {"person": person(71), "enrolled_on": str(enrolled_on)},
                          headers=headers, expect=201)  # fmt: skip
    assert (await last_event(api, "training.enrolment.enrolled"))["occurred_on"] == str(enrolled_on)
    # who typed the form in, and when: today, long after the day it names
    seat = made.json()
    assert seat["entered_by"] == f"training_coordinator-{tree.community_a}"
    assert datetime.fromisoformat(seat["entered_at"]).date() >= today - timedelta(days=1)
    marks = {"marks": [{"enrolment_id": made.json()["id"], "mark": "present"}],
             "taken_on": str(starts_on)}  # fmt: skip
    taken = await api.client.put(f"/api/v1/classes/{class_id}/sessions/1/attendance",
                                 json=marks, headers=headers)  # fmt: skip
    assert taken.status_code == 200, taken.text
    await api.post(f"/api/v1/classes/{class_id}/complete", {"completed_on": str(ends_on)},
                   headers=headers, expect=200)  # fmt: skip
    assert (await last_event(api, "training.enrolment.completed"))["occurred_on"] == str(ends_on)
    assert (await last_event(api, "training.certificate.issued"))["occurred_on"] == str(ends_on)


async def test_an_enrolment_before_the_history_limit_is_refused_and_writes_nothing(
    api: Api, tree: Tree
) -> None:
    class_id = await open_class(api, tree, starts_on="2014-11-01", ends_on="2015-02-01")
    before = await _written(api)
    refused = await api.post(
        f"/api/v1/classes/{class_id}/enrolments",
        {"person": person(72), "enrolled_on": str(BEFORE_LIMIT)}, headers=tree.coordinator(api),
    )  # fmt: skip
    _refused_on(refused, "enrolled_on", "报名日期")
    assert await _written(api) == before


async def test_a_completion_before_the_history_limit_is_refused(api: Api, tree: Tree) -> None:
    # started before the limit, so the day is refused for the limit and not for the start
    class_id = await open_class(api, tree, starts_on="2014-11-01", ends_on="2015-02-01")
    headers = tree.coordinator(api)
    await api.post(f"/api/v1/classes/{class_id}/enrolments", {"person": person(73)},
                   headers=headers, expect=201)  # fmt: skip
    before = await _written(api)
    refused = await api.post(f"/api/v1/classes/{class_id}/complete",
                             {"completed_on": str(BEFORE_LIMIT)}, headers=headers)  # fmt: skip
    _refused_on(refused, "completed_on", "结业日期")
    assert await _written(api) == before
    shown = (await api.get(f"/api/v1/classes/{class_id}", expect=200)).json()
    assert shown["status"] == "open"


async def test_a_placement_before_the_history_limit_or_its_seeker_is_refused(
    api: Api, tree: Tree
) -> None:
    headers, today = tree.coordinator(api), today_in_china()
    refused = await api.post("/api/v1/seekers", {"org_id": tree.union_a, "person": person(75),
                             "status": "laid_off", "wanted_occupation": "电工",
                             "registered_on": str(BEFORE_LIMIT)}, headers=headers)  # fmt: skip
    _refused_on(refused, "registered_on", "登记日期")
    registered = str(today - timedelta(days=700))
    seeker = await register_seeker(api, tree, 74, registered_on=registered)
    assert (await last_event(api, "training.seeker.registered"))["occurred_on"] == registered
    body = {"seeker_id": seeker, "employer_name": "甲电子有限公司", "channel": "other",
            "placed_on": str(BEFORE_LIMIT)}  # fmt: skip
    before = await _written(api)
    _refused_on(await api.post("/api/v1/placements", body, headers=headers), "placed_on",
                "就业日期")  # fmt: skip
    assert await _written(api) == before
    too_early = str(today - timedelta(days=701))  # the day before the seeker registered
    refused = await api.post("/api/v1/placements", {**body, "placed_on": too_early},
                             headers=headers)  # fmt: skip
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"] == [
        {"field": "placed_on", "message": f"就业日期不能早于求职登记日期 {registered}"}
    ]
    assert await _written(api) == before
    past = str(today - timedelta(days=600))
    placed = await api.post("/api/v1/placements", {**body, "placed_on": past}, headers=headers,
                            expect=201)  # fmt: skip
    assert (await last_event(api, "training.placement.recorded"))["occurred_on"] == past
    shown = (await api.get(f"/api/v1/placements/{placed.json()['id']}", expect=200)).json()
    assert (shown["placed_on"], shown["entered_by"]) == (
        past,
        f"training_coordinator-{tree.community_a}",
    )
    assert datetime.fromisoformat(shown["entered_at"]).date() >= today - timedelta(days=1)


async def test_a_placement_at_a_fair_is_not_dated_before_the_fair(api: Api, tree: Tree) -> None:
    fair = await hold_fair(api, tree)  # held on 2026-02-20
    seeker = await register_seeker(api, tree, 76, registered_on="2026-01-05")
    body = {"seeker_id": seeker, "employer_name": "甲电子有限公司", "channel": "fair",
            "fair_id": fair, "placed_on": "2026-02-19"}  # fmt: skip
    before = await _written(api)
    refused = await api.post("/api/v1/placements", body, headers=tree.coordinator(api))
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"] == [
        {"field": "placed_on", "message": "就业日期不能早于招聘会举办日期 2026-02-20"}
    ]
    assert await _written(api) == before
    await api.post("/api/v1/placements", {**body, "placed_on": "2026-02-20"},
                   headers=tree.coordinator(api), expect=201)  # fmt: skip
