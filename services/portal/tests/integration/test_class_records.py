"""A class's records through the workbench: a sign-in sheet imported for a session (a session
beyond the class refused beside its field; a row for someone not in the class listed with its
row number), a certificate revoked, and the certificate check answering genuine, revoked or not
a certificate number."""

from __future__ import annotations

import asyncio
import re

from shared.identifiers import today_in_china

from .classes import training_ready
from .conftest import Platform, account, person
from .test_training import enrol, new_class
from .web import User

TODAY = today_in_china()


def _alert(text: str, field: str) -> str:
    found = re.search(rf'id="{re.escape(field)}-error" role="alert">(.*?)</p>', text)
    assert found, f"no error beside {field}"
    return found.group(1)


async def _finished(coordinator: User, page: str) -> str:
    for _ in range(100):
        text = (await coordinator.page(page)).text
        if not re.search(r'data-status="(queued|running)"', text):
            return text
        await asyncio.sleep(0.2)
    raise AssertionError("the import never finished")


async def test_a_sign_in_sheet_is_imported_with_its_row_errors(platform: Platform) -> None:
    await training_ready(platform)
    coordinator = await account(platform, "coord.wu", "training_coordinator", platform.tree.street)
    opened = await coordinator.submit("/training/classes", "/training/classes",
                                      {**new_class(platform), "sessions_planned": "2",
                                       "target_groups": ["all"]})  # fmt: skip
    page = opened.headers["location"]
    class_id = page.rsplit("/", 1)[1]
    await enrol(coordinator, page, "冯学员", person(31))
    await enrol(coordinator, page, "陈学员", person(32))
    sheet = f"姓名,身份证号,考勤\n冯学员,{person(31)},出勤\n陈学员,{person(32)},请假\n褚某,{person(33)},出勤\n"
    upload = f"{page}/attendance-imports/upload"
    files = {"file": ("签到表.csv", sheet.encode(), "text/csv")}

    beyond = await coordinator.submit(upload, page, {"sheet_session_no": "3"}, files=files)
    assert beyond.status_code == 422
    assert "课次" in _alert(beyond.text, "sheet_session_no")
    none = await coordinator.submit(upload, page, {"sheet_session_no": "2"})
    assert none.status_code == 422
    _alert(none.text, "file")

    sent = await coordinator.submit(upload, page, {"sheet_session_no": "2"}, files=files)
    assert sent.status_code == 303, sent.text
    job = await _finished(coordinator, sent.headers["location"])
    assert "共 3 行" in job
    assert "导入 2，失败 1" in job
    assert re.search(r'<td data-label="行号">4</td>', job)  # the header is row 1
    marks = await platform.dev.get(
        f"{platform.training}/api/v1/classes/{class_id}/sessions/2/attendance"
    )
    assert sorted(m["mark"] for m in marks.json()["marks"]) == ["excused", "present"]
    assert f"/training/classes/{class_id}?session=2" in job
    await coordinator.close()


async def test_a_certificate_is_revoked_and_checked(platform: Platform) -> None:
    await training_ready(platform)
    coordinator = await account(platform, "coord.yu", "training_coordinator", platform.tree.street)
    opened = await coordinator.submit("/training/classes", "/training/classes",
                                      {**new_class(platform), "target_groups": ["all"],
                                       "ends_on": TODAY.isoformat()})  # fmt: skip
    page = opened.headers["location"]
    await enrol(coordinator, page, "卫学员", person(41))
    boxes = re.findall(
        r'name="present" value="([0-9a-f-]{36})"', (await coordinator.page(page)).text
    )
    await coordinator.submit(f"{page}/attendance", page, {"session_no": "1", "present": boxes})
    completed = await coordinator.submit(f"{page}/complete", page, {})
    assert completed.status_code == 303, completed.text
    finished = (await coordinator.page(page)).text
    number = re.search(r'/pdf">([^<]+)</a>', finished)
    assert number, "the certificate is listed"
    revoke = re.search(r'action="(/training/certificates/[0-9a-f-]{36}/revoke)"', finished)
    assert revoke, "a valid certificate offers 撤销"

    checked = (await coordinator.page(f"/training/verify?number={number.group(1)}")).text
    assert "证书真实有效" in checked
    assert "卫*" in checked
    assert "卫学员" not in checked

    done = await coordinator.submit(revoke.group(1), page,
                                    {"reason": "issued_in_error", "class_id": page.rsplit("/", 1)[1]})  # fmt: skip
    assert done.status_code == 303, done.text
    assert "已撤销：误发" in (await coordinator.page(done.headers["location"])).text
    checked = (await coordinator.page(f"/training/verify?number={number.group(1)}")).text
    assert "该证书已被撤销" in checked
    assert f"<dt>撤销日期</dt><dd>{TODAY.isoformat()}</dd>" in checked

    malformed = (await coordinator.page("/training/verify?number=ABC-123")).text
    assert "不是有效的证书编号" in malformed
    too_long = await coordinator.page("/training/verify?number=" + "9" * 70)
    assert too_long.status_code == 422
    _alert(too_long.text, "number")
    assert 'value="' + "9" * 70 + '"' in too_long.text
    await coordinator.close()
