"""补录 on the class page of a class that has already ended: a paper enrolment dated in the past,
a past session's attendance and the completion dated the last day (each date the service
refuses shown beside its field, the rest kept, the boxes as ticked); and 取消培训班, which
withdraws everyone seated or waiting."""

from __future__ import annotations

import re
from datetime import timedelta

from shared.identifiers import today_in_china

from .classes import training_ready
from .conftest import Platform, account, person
from .web import User

TODAY = today_in_china()
STARTED, ENDED = TODAY - timedelta(days=20), TODAY - timedelta(days=2)


async def opened(platform: Platform, title: str, starts: str, ends: str, capacity: int) -> str:
    body = {"org_id": platform.tree.street, "title": title, "kind": "skills",
            "provider": "市职工学校", "venue": "新街口职工服务中心", "starts_on": starts,
            "ends_on": ends, "sessions_planned": 2, "capacity": capacity,
            "target_groups": ["all"], "min_attendance_percent": 50}  # fmt: skip
    made = await platform.dev.post(f"{platform.training}/api/v1/classes", json=body)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def alert(text: str, field: str) -> str:
    found = re.search(rf'id="{re.escape(field)}-error" role="alert">(.*?)</p>', text)
    assert found, f"no error beside {field}"
    return found.group(1)


async def enrolled_on_paper(coordinator: User, page: str) -> None:
    form = {"person.name": "罗纸质", "person.id_number": person(71)}
    future = (TODAY + timedelta(days=1)).isoformat()
    refused = await coordinator.submit(f"{page}/enrolments", page, {**form, "enrolled_on": future})
    assert refused.status_code == 422
    assert alert(refused.text, "enrolled_on") == "报名日期不能晚于今天"
    assert 'value="罗纸质"' in refused.text
    past = (STARTED - timedelta(days=5)).isoformat()
    done = await coordinator.submit(f"{page}/enrolments", page, {**form, "enrolled_on": past})
    assert done.status_code == 303, done.text


async def test_work_on_an_ended_class_is_entered_with_its_own_dates(platform: Platform) -> None:
    await training_ready(platform)
    class_id = await opened(platform, "茶艺师培训班", STARTED.isoformat(), ENDED.isoformat(), 10)
    page = f"/training/classes/{class_id}"
    coordinator = await account(
        platform, "coord.past", "training_coordinator", platform.tree.street
    )
    await enrolled_on_paper(coordinator, page)
    service = f"{platform.training}/api/v1/classes/{class_id}"
    (enrolment,) = (await platform.dev.get(f"{service}/enrolments")).json()["items"]
    assert enrolment["enrolled_on"] == (STARTED - timedelta(days=5)).isoformat()

    sheet = {"session_no": "1", "present": enrolment["id"]}
    early = (STARTED - timedelta(days=1)).isoformat()
    refused = await coordinator.submit(f"{page}/attendance", page, {**sheet, "taken_on": early})
    assert refused.status_code == 422
    assert alert(refused.text, "taken_on") == "考勤日期不能早于开班日期"
    assert re.search(rf'value="{enrolment["id"]}" checked', refused.text)  # the box kept
    taken = await coordinator.submit(f"{page}/attendance", page,
                                     {**sheet, "taken_on": (STARTED + timedelta(days=1)).isoformat()})  # fmt: skip
    assert taken.status_code == 303, taken.text
    marks = (await platform.dev.get(f"{service}/sessions/1/attendance")).json()["marks"]
    assert [(m["enrolment_id"], m["mark"]) for m in marks] == [(enrolment["id"], "present")]

    future = (TODAY + timedelta(days=1)).isoformat()
    too_late = await coordinator.submit(f"{page}/complete", page, {"completed_on": future})
    assert too_late.status_code == 422
    assert alert(too_late.text, "completed_on") == "结业日期不能晚于今天"
    assert f'value="{future}"' in too_late.text
    done = await coordinator.submit(f"{page}/complete", page, {"completed_on": ENDED.isoformat()})
    assert done.status_code == 303, done.text
    certificates = await platform.dev.get(f"{platform.training}/api/v1/certificates",
                                          params={"class_id": class_id})  # fmt: skip
    assert [c["issued_on"] for c in certificates.json()["items"]] == [ENDED.isoformat()]
    await coordinator.close()


async def test_a_cancelled_class_withdraws_everyone(platform: Platform) -> None:
    await training_ready(platform)
    later = (TODAY + timedelta(days=30)).isoformat()
    class_id = await opened(platform, "插花培训班", later, later, 1)
    page = f"/training/classes/{class_id}"
    coordinator = await account(
        platform, "coord.cancel", "training_coordinator", platform.tree.street
    )
    for name, seq in (("唐在班", 72), ("宋候补", 73)):
        form = {"person.name": name, "person.id_number": person(seq)}
        assert (await coordinator.submit(f"{page}/enrolments", page, form)).status_code == 303
    assert f'action="{page}/cancel"' in (await coordinator.page(page)).text
    cancelled = await coordinator.submit(f"{page}/cancel", page, {})
    assert cancelled.status_code == 303, cancelled.text
    shown = (await coordinator.page(page)).text
    assert "培训班已取消，报名和候补的学员均已退班" in shown
    assert f'action="{page}/cancel"' not in shown  # nothing left to cancel
    service = f"{platform.training}/api/v1/classes/{class_id}"
    assert (await platform.dev.get(service)).json()["status"] == "cancelled"
    statuses = [
        e["status"] for e in (await platform.dev.get(f"{service}/enrolments")).json()["items"]
    ]
    assert statuses == ["withdrawn", "withdrawn"]
    again = await coordinator.submit(f"{page}/cancel", page, {})
    assert again.status_code == 422  # the service refuses a class no longer open
    assert '<div class="notice error" role="alert">' in again.text
    await coordinator.close()
