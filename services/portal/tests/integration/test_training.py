"""职业培训 through the workbench: a coordinator opens a class (an error beside its field, the
rest kept), enrols people, takes a session's attendance with one box per person, and completes
the class, which issues the certificates."""

from __future__ import annotations

import re
from datetime import timedelta

from shared.identifiers import today_in_china

from .classes import training_ready
from .conftest import Platform, account, person
from .web import User

TODAY = today_in_china()
HIRED_ON = (TODAY - timedelta(days=100)).isoformat()
"""Long enough ago for the 3-month follow-up, too recent for the 6-month one."""


def new_class(platform: Platform) -> dict[str, str]:
    return {
        "title": "电工上岗证培训第3期", "kind": "skills", "org_id": platform.tree.street,
        "provider": "市职工学校", "venue": "新街口职工服务中心",
        "starts_on": TODAY.isoformat(), "ends_on": (TODAY + timedelta(days=5)).isoformat(),
        "sessions_planned": "1", "capacity": "30", "min_attendance_percent": "80",
    }  # fmt: skip


async def enrol(coordinator: User, page: str, name: str, id_number: str) -> None:
    form = {"person.name": name, "person.id_number": id_number}
    done = await coordinator.submit(f"{page}/enrolments", page, form)
    assert done.status_code == 303, done.text


async def test_a_class_is_opened_enrolled_attended_and_completed(platform: Platform) -> None:
    await training_ready(platform)
    coordinator = await account(platform, "coord.li", "training_coordinator", platform.tree.street)
    listing = await coordinator.page("/training/classes")
    assert f'<option value="{platform.tree.street}"' in listing.text  # the coordinator's union

    refused = await coordinator.submit(
        "/training/classes", "/training/classes", new_class(platform)
    )
    assert refused.status_code == 422  # no target group ticked
    assert 'id="target_groups-error"' in refused.text
    assert 'value="电工上岗证培训第3期"' in refused.text
    opened = await coordinator.submit("/training/classes", "/training/classes",
                                      {**new_class(platform), "target_groups": ["migrant"]})  # fmt: skip
    assert opened.status_code == 303, opened.text
    page = opened.headers["location"]
    class_id = page.rsplit("/", 1)[1]

    wrong = await coordinator.submit(f"{page}/enrolments", page,
                                     {"person.name": "吴学员", "person.id_number": "320102199001011235"})  # fmt: skip
    assert wrong.status_code == 422
    assert 'id="person.id_number-error"' in wrong.text
    assert 'value="吴学员"' in wrong.text
    await enrol(coordinator, page, "吴学员", person(11))
    await enrol(coordinator, page, "郑学员", person(12))
    sheet = (await coordinator.page(page)).text
    boxes = re.findall(r'name="present" value="([0-9a-f-]{36})"', sheet)
    assert len(boxes) == 2  # one box per seated person

    taken = await coordinator.submit(f"{page}/attendance", page,
                                     {"session_no": "1", "present": boxes[0]})  # fmt: skip
    assert taken.status_code == 303, taken.text
    assert "出勤 1 人，缺勤 1 人" in (await coordinator.page(taken.headers["location"])).text
    marks = await platform.dev.get(
        f"{platform.training}/api/v1/classes/{class_id}/sessions/1/attendance"
    )
    assert {m["enrolment_id"]: m["mark"] for m in marks.json()["marks"]} == {
        boxes[0]: "present", boxes[1]: "absent"}  # fmt: skip
    ticked = (await coordinator.page(page)).text
    assert re.search(rf'value="{boxes[0]}" checked', ticked)
    assert not re.search(rf'value="{boxes[1]}" checked', ticked)

    completed = await coordinator.submit(f"{page}/complete", page, {})
    assert completed.status_code == 303, completed.text
    finished = (await coordinator.page(page)).text
    assert "结业 1 人，未结业 1 人，发证 1 张" in finished
    certificate = re.search(r'href="(/training/certificates/[0-9a-f-]{36}/pdf)"', finished)
    assert certificate, "the certificate is listed"
    pdf = await coordinator.page(certificate.group(1))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    await coordinator.close()


async def test_a_seeker_found_work_at_a_fair_and_was_followed_up(platform: Platform) -> None:
    await training_ready(platform)
    coordinator = await account(platform, "coord.he", "training_coordinator", platform.tree.street)
    street, page = platform.tree.street, "/training/employment"
    # registered on paper at the fair, entered now: the placement may not precede it
    seeker = {"org_id": street, "person.name": "冯求职", "person.id_number": person(13),
              "status": "laid_off", "wanted_occupation": "电工", "registered_on": HIRED_ON}  # fmt: skip
    fair = {"org_id": street, "title": "春风行动招聘会", "venue": "新街口广场",
            "held_on": HIRED_ON}  # fmt: skip
    for which, form in (("seekers", seeker), ("fairs", fair)):
        done = await coordinator.submit(f"{page}/{which}", page, form)
        assert done.status_code == 303, (which, done.text)
    fairs = (await platform.dev.get(f"{platform.training}/api/v1/fairs")).json()["items"]
    fair_id = next(f["id"] for f in fairs if f["title"] == "春风行动招聘会")
    attending = await coordinator.submit(f"/training/fairs/{fair_id}/employers", page,
                                         {"employer_name": "甲公司", "positions": "12"})  # fmt: skip
    assert attending.status_code == 303, attending.text
    listing = (await coordinator.page(page)).text
    seeker_id = re.search(r'<option value="([0-9a-f-]{36})"\s*>冯', listing)
    assert seeker_id, "the seeker is offered for a placement"
    await _seekers_at_the_fair(coordinator, fair_id, seeker_id.group(1))

    placement = {"seeker_id": seeker_id.group(1), "employer_name": "甲公司",
                 "placed_on": HIRED_ON, "channel": "fair", "fair_id": fair_id}  # fmt: skip
    refused = await coordinator.submit(
        f"{page}/placements", page, {**placement, "employer_name": ""}
    )
    assert refused.status_code == 422
    assert 'id="employer_name-error"' in refused.text
    placed = await coordinator.submit(f"{page}/placements", page, placement)
    assert placed.status_code == 303, placed.text
    stored = (await platform.dev.get(f"{platform.training}/api/v1/placements")).json()["items"]
    assert [(p["fair_id"], p["reemployment"], p["follow_up_3"]) for p in stored] == [
        (fair_id, True, None)]  # fmt: skip
    early = await coordinator.submit(f"/training/placements/{stored[0]['id']}/follow-ups", page,
                                     {"months": "6", "still_employed": "yes"})  # fmt: skip
    assert "就业未满6个月" in (await coordinator.page(early.headers["location"])).text
    followed = await coordinator.submit(f"/training/placements/{stored[0]['id']}/follow-ups", page,
                                        {"months": "3", "still_employed": "yes"})  # fmt: skip
    assert followed.status_code == 303, followed.text
    after = (await platform.dev.get(f"{platform.training}/api/v1/placements")).json()["items"]
    assert after[0]["follow_up_3"] is True
    shown = (await coordinator.page(page)).text
    assert "仍在岗" in shown
    assert "春风行动招聘会" in shown
    await coordinator.close()


async def _seekers_at_the_fair(coordinator: User, fair_id: str, seeker_id: str) -> None:
    page = "/training/employment"
    for _ in range(2):  # the same seeker sent twice is counted once
        came = await coordinator.submit(f"/training/fairs/{fair_id}/seekers", page,
                                        {"seeker_id": seeker_id})  # fmt: skip
        assert came.status_code == 303, came.text
    wrong = await coordinator.submit(f"/training/fairs/{fair_id}/seekers-counted", page,
                                     {"seekers_counted": "-3"})  # fmt: skip
    assert "未能保存" in (await coordinator.page(wrong.headers["location"])).text
    counted = await coordinator.submit(f"/training/fairs/{fair_id}/seekers-counted", page,
                                       {"seekers_counted": "10"})  # fmt: skip
    assert counted.status_code == 303, counted.text
    assert "10（已登记 1，现场 9）" in (await coordinator.page(page)).text
