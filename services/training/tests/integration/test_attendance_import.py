"""Attendance from a sign-in sheet (CSV and XLSX): good rows applied, bad rows reported by
row and column, progress to completion, the session's counts published."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import pytest
from openpyxl import Workbook

from services.training.tests.integration.bodies import person
from services.training.tests.integration.conftest import Api, Tree
from services.training.tests.integration.test_classes import enrol, open_class

pytestmark = pytest.mark.integration


async def upload(api: Api, tree: Tree, class_id: str, name: str, content: bytes,
                 session_no: int = 1) -> dict[str, Any]:  # fmt: skip
    answer = await api.client.post(
        f"/api/v1/classes/{class_id}/attendance-imports",
        files={"file": (name, content)}, data={"session_no": str(session_no)},
        headers=tree.coordinator(api),
    )  # fmt: skip
    assert answer.status_code == 202, answer.text
    return await finished(api, tree, answer.json()["id"])


async def finished(api: Api, tree: Tree, job_id: str) -> dict[str, Any]:
    for _ in range(200):
        job = await api.get(f"/api/v1/attendance-imports/{job_id}",
                            headers=tree.coordinator(api), expect=200)  # fmt: skip
        if job.json()["status"] in ("completed", "failed"):
            body: dict[str, Any] = job.json()
            return body
        await asyncio.sleep(0.05)
    raise AssertionError("the import did not finish")


def sheet_rows() -> list[list[str]]:
    return [
        ["汉中门社区 电工培训班 签到表"],
        ["序号", "姓名", "身份证号", "考勤"],
        ["1", person(0)["name"], person(0)["id_number"], "出勤"],
        ["2", person(1)["name"], person(1)["id_number"], "迟到"],
        ["3", person(2)["name"], person(2)["id_number"], "请假"],
        ["4", "无名氏", "110101199003071235", "出勤"],  # bad check character
        ["5", person(3)["name"], person(3)["id_number"], "早退"],  # no such mark
        ["6", person(50)["name"], person(50)["id_number"], "出勤"],  # not in the class
        ["7", person(0)["name"], person(0)["id_number"], "缺勤"],  # twice
        ["", "", "", ""],
    ]


async def test_csv_sheet_with_bad_rows(api: Api, tree: Tree) -> None:
    class_id = await open_class(api, tree)
    enrolments = [str((await enrol(api, tree, class_id, n))["id"]) for n in range(4)]
    csv_text = "\n".join(",".join(row) for row in sheet_rows())
    job = await upload(api, tree, class_id, "签到表.csv", csv_text.encode("utf-8-sig"))
    assert (job["status"], job["total_rows"], job["imported_rows"], job["failed_rows"]) == (
        "completed", 7, 3, 4,
    )  # fmt: skip
    assert job["percent"] == 100.0
    assert [(e["row"], e["column"]) for e in sorted(job["errors"], key=lambda e: e["row"])] == [
        (6, "身份证号"), (7, "考勤"), (8, "身份证号"), (9, "身份证号"),
    ]  # fmt: skip
    assert person(50)["id_number"] not in str(job)
    session = await api.get(f"/api/v1/classes/{class_id}/sessions/1/attendance", expect=200)
    counts = session.json()
    assert (counts["present"], counts["late"], counts["excused"], counts["absent"]) == (1, 1, 1, 0)
    marks = {m["enrolment_id"]: m["mark"] for m in counts["marks"]}
    assert marks == {enrolments[0]: "present", enrolments[1]: "late", enrolments[2]: "excused"}


async def test_xlsx_sheet_and_a_sheet_without_the_columns(api: Api, tree: Tree) -> None:
    class_id = await open_class(api, tree)
    for n in range(4):
        await enrol(api, tree, class_id, n)
    book = Workbook()
    for row in sheet_rows():
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    job = await upload(api, tree, class_id, "签到表.xlsx", buffer.getvalue(), session_no=2)
    assert (job["imported_rows"], job["failed_rows"]) == (3, 4)
    bad = await api.client.post(
        f"/api/v1/classes/{class_id}/attendance-imports",
        files={"file": ("x.csv", "姓名,电话\n张三,1\n".encode())}, data={"session_no": "1"},
        headers=tree.coordinator(api),
    )  # fmt: skip
    assert bad.status_code == 422, bad.text
    assert "身份证号" in bad.text
