"""退班 and 考核 on the class page: a seated person's assessment recorded (no choice refused
beside its field), the seat freed by a withdrawal given to the person waiting (as the training
service promotes), a second withdrawal refused with the service's words, and a cadre reading the
list without the forms."""

from __future__ import annotations

import re
from datetime import timedelta

from shared.identifiers import today_in_china

from .classes import training_ready
from .conftest import Platform, account, person
from .web import User

TODAY = today_in_china()


async def one_seat_class(platform: Platform) -> str:
    """A class of one seat requiring an assessment, opened straight on the service."""
    body = {"org_id": platform.tree.street, "title": "焊工考证班", "kind": "skills",
            "provider": "市职工学校", "venue": "新街口职工服务中心",
            "starts_on": TODAY.isoformat(), "ends_on": (TODAY + timedelta(days=5)).isoformat(),
            "sessions_planned": 2, "capacity": 1, "target_groups": ["all"],
            "assessment_required": True}  # fmt: skip
    opened = await platform.dev.post(f"{platform.training}/api/v1/classes", json=body)
    assert opened.status_code == 201, opened.text
    return str(opened.json()["id"])


async def enrolments(platform: Platform, class_id: str) -> dict[str, dict[str, object]]:
    """The class's enrolments on the service, by the person's ID number."""
    answer = await platform.dev.get(f"{platform.training}/api/v1/classes/{class_id}/enrolments",
                                    params={"reveal": "true"})  # fmt: skip
    return {e["person"]["id_number"]: e for e in answer.json()["items"]}


def alert(text: str, field: str) -> str:
    found = re.search(rf'id="{re.escape(field)}-error" role="alert">(.*?)</p>', text)
    assert found, f"no error beside {field}"
    return found.group(1)


async def assessed(coordinator: User, page: str, enrolment_id: str) -> None:
    """考核: no result chosen is refused beside the field, then 合格 is recorded."""
    path = f"{page}/enrolments/{enrolment_id}/assessment"
    refused = await coordinator.submit(path, page, {})
    assert refused.status_code == 422
    assert alert(refused.text, "passed") == "请选择考核结果"
    assert re.search(r"<details open><summary>登记考核结果", refused.text)
    done = await coordinator.submit(path, page, {"passed": "yes"})
    assert done.status_code == 303, done.text
    assert "的考核结果已记录：合格" in (await coordinator.page(page)).text


async def test_a_withdrawal_gives_the_seat_to_the_person_waiting(platform: Platform) -> None:
    await training_ready(platform)
    class_id = await one_seat_class(platform)
    page = f"/training/classes/{class_id}"
    coordinator = await account(platform, "coord.wd", "training_coordinator", platform.tree.street)
    for name, seq in (("冯在班", 31), ("褚候补", 32)):
        form = {"person.name": name, "person.id_number": person(seq)}
        assert (await coordinator.submit(f"{page}/enrolments", page, form)).status_code == 303
    before = await enrolments(platform, class_id)
    seated, waiting = before[person(31)], before[person(32)]
    assert (seated["status"], waiting["status"]) == ("enrolled", "waitlisted")
    listing = (await coordinator.page(page)).text
    assert f'action="{page}/enrolments/{seated["id"]}/withdraw"' in listing
    assert f'action="{page}/enrolments/{waiting["id"]}/withdraw"' in listing  # leaves the list
    assert f'action="{page}/enrolments/{waiting["id"]}/assessment"' not in listing  # no seat

    await assessed(coordinator, page, str(seated["id"]))
    assert (await enrolments(platform, class_id))[person(31)]["assessment_passed"] is True

    withdraw = f"{page}/enrolments/{seated['id']}/withdraw"
    no_reason = await coordinator.submit(withdraw, page, {})
    assert no_reason.status_code == 422
    assert alert(no_reason.text, "reason") == "请选择退班原因"
    left = await coordinator.submit(withdraw, page, {"reason": "employment"})
    assert left.status_code == 303, left.text
    assert "已退班（已就业），候补第一位已递补入班" in (await coordinator.page(page)).text
    after = await enrolments(platform, class_id)
    assert (after[person(31)]["status"], after[person(32)]["status"]) == ("withdrawn", "enrolled")

    again = await coordinator.submit(withdraw, page, {"reason": "personal"})
    assert again.status_code == 422  # the service's refusal; the row has no form any more
    problem = re.search(r'<div class="notice error" role="alert">(.*?)</div>', again.text)
    assert problem, "the refusal is shown"
    assert "已退班或已结业" in problem.group(1)

    cadre = await account(platform, "cadre.wd", "union_cadre", platform.tree.street)
    read = (await cadre.page(page)).text
    assert "焊工考证班" in read
    assert "/withdraw" not in read
    refused = await cadre.submit(withdraw, page, {"reason": "personal"})
    assert refused.status_code == 403
    await coordinator.close()
    await cadre.close()
