"""A session's attendance entered after the session keeps the session's date (考勤日期)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from shared.identifiers import today_in_china

from services.training.tests.integration.conftest import Api, Tree
from services.training.tests.integration.test_classes import enrol, open_class
from services.training.tests.integration.test_employment import last_event

pytestmark = pytest.mark.integration


async def test_attendance_entered_later_keeps_the_session_date(api: Api, tree: Tree) -> None:
    today = today_in_china()
    starts_on = today - timedelta(days=30)
    class_id = await open_class(api, tree, sessions_planned=2, starts_on=str(starts_on),
                                ends_on=str(today - timedelta(days=5)))  # fmt: skip
    enrolment = await enrol(api, tree, class_id, 61)
    headers = tree.coordinator(api)
    marks = [{"enrolment_id": enrolment["id"], "mark": "present"}]
    path = f"/api/v1/classes/{class_id}/sessions/1/attendance"
    on = starts_on + timedelta(days=3)
    taken = await api.client.put(path, json={"marks": marks, "taken_on": str(on)}, headers=headers)
    assert taken.status_code == 200, taken.text
    assert (await last_event(api, "training.class.attendance_taken"))["occurred_on"] == str(on)
    for wrong in (today + timedelta(days=1), starts_on - timedelta(days=1)):
        refused = await api.client.put(path, json={"marks": marks, "taken_on": str(wrong)},
                                       headers=headers)  # fmt: skip
        assert refused.status_code == 422, wrong
        assert refused.headers["content-type"].startswith("application/problem+json")
        (error,) = refused.json()["errors"]
        assert error["field"] == "taken_on", error
        assert "考勤日期" in error["message"], error
    second = f"/api/v1/classes/{class_id}/sessions/2/attendance"
    undated = await api.client.put(second, json={"marks": marks}, headers=headers)
    assert undated.status_code == 200, undated.text
    assert (await last_event(api, "training.class.attendance_taken"))["occurred_on"] == str(today)
