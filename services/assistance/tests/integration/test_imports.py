"""批量导入 through the real API on real PostgreSQL: a bad row among good ones, the outbox,
the scope, and an upload retried under the same Idempotency-Key."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from openpyxl import Workbook, load_workbook
from shared.identifiers import today_in_china

from .aid_flow import YEAR, allocate
from .bodies import household_body, person
from .conftest import Api, Tree, admit, start_api, stop_api
from .probes import assert_problem, count, eventually, fetch

pytestmark = pytest.mark.integration
IMPORTS = "/api/v1/imports"
HOUSEHOLD_HEADERS = [
    "户主姓名",
    "户主身份证号",
    "户主会员编号",
    "联系电话",
    "家庭住址",
    "困难类别",
    "致困原因",
    "家庭月人均收入（元）",
    "临时救助",
    "建档组织编号",
    "家庭成员",
    "建档日期",
]
BAD_CHECK_CHAR = person(7)[:17] + ("0" if person(7)[17] != "0" else "1")


def csv_file(*rows: list[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_file(*rows: list[Any]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def upload(
    api: Api,
    kind: str,
    filename: str,
    content: bytes,
    headers: dict[str, str],
    **form: str,
) -> dict[str, Any]:
    """Upload, let the background import finish, and return the job as GET shows it."""
    response = await api.client.post(
        f"{IMPORTS}/{kind}", data=form, files={"file": (filename, content)}, headers=headers
    )
    assert response.status_code == 202, response.text
    await asyncio.gather(*list(api.container.tasks))
    job = await api.get(response.headers["Location"], headers=headers, expect=200)
    body: dict[str, Any] = job.json()
    return body


def household_row(seq: int, *, id_number: str | None = None, filed_on: str = "") -> list[str]:
    return [
        f"李{seq}明",
        id_number or person(seq),
        "",
        "13912345678",
        "南京市玄武区汉中门大街1号",
        "深度困难",
        "疾病、子女就学",
        "980.50",
        "否",
        "",
        f"配偶:王{seq}芳:{person(seq + 5000)}；子女:李{seq}娃",
        filed_on,
    ]


async def test_hardship_files_import_the_good_rows_and_report_the_bad_one(
    api: Api, tree: Tree, database_url: str
) -> None:
    officer = tree.officer(api)
    filed_on = str(today_in_china() - timedelta(days=200))
    content = xlsx_file(
        HOUSEHOLD_HEADERS,
        household_row(1, filed_on=filed_on),
        household_row(2, id_number=BAD_CHECK_CHAR),
        household_row(3),
        household_row(4, filed_on=filed_on),
    )
    job = await upload(api, "households", "档案.xlsx", content, officer, org_id=tree.union_a)
    assert job["status"] == "completed_with_errors"
    assert (job["processed_rows"], job["imported_rows"], job["failed_rows"]) == (4, 3, 1)
    assert job["errors"] == [{"row": 3, "column": "户主身份证号", "message": "身份证号校验位错误"}]
    statuses = await fetch(
        database_url, "SELECT status, org_id, monthly_income_per_capita_fen FROM households"
    )
    assert sorted(row["status"] for row in statuses) == ["draft", "filed", "filed"]
    assert {str(row["org_id"]) for row in statuses} == {tree.union_a}
    assert {row["monthly_income_per_capita_fen"] for row in statuses} == {98050}
    assert await count(database_url, "household_relatives") == 6
    filed = await fetch(
        database_url,
        "SELECT payload, headers FROM outbox WHERE event_type = 'assistance.household.filed'",
    )
    assert len(filed) == 2
    assert all(filed_on in str(row["payload"]) for row in filed)


async def test_a_second_file_for_the_same_head_is_refused_by_the_same_rule(
    api: Api, tree: Tree, database_url: str
) -> None:
    officer = tree.officer(api)
    await api.post(
        "/api/v1/households", household_body(5, org_id=tree.union_a), headers=officer, expect=201
    )
    content = csv_file(HOUSEHOLD_HEADERS, household_row(5), household_row(6), household_row(6))
    job = await upload(api, "households", "档案.csv", content, officer, org_id=tree.union_a)
    assert job["status"] == "completed_with_errors"
    assert job["errors"] == [
        {"row": 2, "column": "户主身份证号", "message": "该人员已在另一份有效的困难档案中"},
        {"row": 4, "column": "户主身份证号", "message": "与第3行重复"},
    ]
    assert await count(database_url, "households") == 2


async def test_visits_import_with_an_unknown_household_and_outbox_events(
    api: Api, tree: Tree, database_url: str
) -> None:
    officer = tree.officer(api)
    await api.post(
        "/api/v1/households", household_body(8, org_id=tree.union_a), headers=officer, expect=201
    )
    day = str(today_in_china() - timedelta(days=30))
    content = csv_file(
        ["户主身份证号", "会员编号", "走访事由", "走访日期", "走访记录"],
        [person(8), "", "节日", day, "春节慰问"],
        [person(9), "", "节日", day, ""],  # heads no file
        [person(8), "", "住院", "2025/13/01", ""],
        [person(8), "", "住院", day, ""],
    )
    job = await upload(api, "visits", "走访.csv", content, officer)
    assert job["status"] == "completed_with_errors"
    assert job["errors"] == [
        {"row": 3, "column": "户主身份证号", "message": "困难档案不存在"},
        {"row": 4, "column": "走访日期", "message": "走访日期不是有效的日期"},
    ]
    assert await count(database_url, "visits") == 2
    assert await count(database_url, "outbox", "event_type = 'assistance.visit.recorded'") == 2


async def test_rows_outside_the_importers_subtree_are_row_errors(
    api: Api, tree: Tree, database_url: str
) -> None:
    await api.post(
        "/api/v1/households",
        household_body(10, org_id=tree.union_b),
        headers=tree.officer(api, tree.community_b),
        expect=201,
    )
    day = str(today_in_china() - timedelta(days=3))
    content = csv_file(["户主身份证号", "走访事由", "走访日期"], [person(10), "节日", day])
    job = await upload(api, "visits", "走访.csv", content, tree.officer(api))
    assert job["errors"] == [{"row": 2, "column": "户主身份证号", "message": "困难档案不存在"}]
    assert job["status"] == "completed_with_errors"
    assert await count(database_url, "visits") == 0
    other_community = tree.officer(api, tree.community_b)
    await api.get(f"{IMPORTS}/visits/{job['id']}", headers=other_community, expect=404)
    await api.get(f"{IMPORTS}/households/{job['id']}", headers=tree.officer(api), expect=404)
    auditor = api.token("auditor", tree.street)
    shown = await api.get(f"{IMPORTS}/visits/{job['id']}", headers=auditor, expect=200)
    assert shown.json()["errors"] == job["errors"]


async def test_the_same_upload_under_the_same_key_imports_once(
    api: Api, tree: Tree, database_url: str
) -> None:
    await api.post(
        "/api/v1/households",
        household_body(11, org_id=tree.union_a),
        headers=tree.officer(api),
        expect=201,
    )
    day = str(today_in_china() - timedelta(days=3))
    content = csv_file(["户主身份证号", "走访事由", "走访日期"], [person(11), "节日", day])
    key = {**tree.officer(api), "Idempotency-Key": "visit-import-1"}
    first = await upload(api, "visits", "走访.csv", content, key)
    files = {"file": ("走访.csv", content)}
    again = await api.client.post(f"{IMPORTS}/visits", files=files, headers=key)
    assert again.status_code == 202
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json()["id"] == first["id"]
    await asyncio.gather(*list(api.container.tasks))
    assert first["status"] == "completed"
    assert await count(database_url, "visits") == 1
    assert await count(database_url, "imports") == 1


async def test_a_file_without_required_columns_is_refused_before_any_job(
    api: Api, tree: Tree, database_url: str
) -> None:
    content = csv_file(["户主姓名", "联系电话"], ["李明", "13912345678"])
    response = await api.client.post(
        f"{IMPORTS}/households", files={"file": ("x.csv", content)}, headers=tree.officer(api)
    )
    body = assert_problem(response, 422, field="file")
    assert "户主身份证号" in body["detail"]
    assert await count(database_url, "imports") == 0


async def test_templates_carry_the_chinese_headers(api: Api, tree: Tree) -> None:
    response = await api.get(f"{IMPORTS}/households/template", headers=tree.officer(api))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HOUSEHOLD_HEADERS
    as_csv = await api.get(f"{IMPORTS}/visits/template", headers=tree.officer(api), format="csv")
    assert (
        as_csv.content.decode("utf-8-sig").splitlines()[0]
        == "户主身份证号,会员编号,走访事由,走访日期,走访记录"
    )
    refused = await api.get(
        f"{IMPORTS}/visits/template", headers=api.token("union_cadre", tree.street)
    )
    assert refused.status_code == 403


async def test_a_festival_list_starts_one_batch_paying_the_households_found(
    api: Api, tree: Tree, database_url: str
) -> None:
    officer = tree.officer(api)
    filed_on = str(today_in_china() - timedelta(days=100))
    files = xlsx_file(HOUSEHOLD_HEADERS, *(household_row(n, filed_on=filed_on) for n in (21, 22)))
    filed = await upload(api, "households", "档案.xlsx", files, officer, org_id=tree.union_a)
    assert filed["status"] == "completed"
    await allocate(api, tree.community_a, 1_000_000, "festival_consolation")
    listed = csv_file(
        ["户主身份证号", "户主姓名"],
        [person(21), "李21明"],
        [person(23), "无档"],
        [person(22), "李22明"],
        [person(21), "李21明"],
    )
    form = {"year": str(YEAR), "budget_org_id": tree.community_a, "amount_fen": "50000"}
    bad_day = await api.client.post(
        f"{IMPORTS}/festival-lists",
        data={**form, "paid_on": "2025-02-30"},
        files={"file": ("名单.csv", listed)},
        headers=officer,
    )
    assert assert_problem(bad_day, 422, field="paid_on")["title"] == "发放日期无效"
    job = await upload(api, "festival-lists", "名单.csv", listed, officer, **form)
    assert job["status"] == "completed_with_errors"
    assert job["errors"] == [
        {"row": 3, "column": "户主身份证号", "message": "困难档案不存在"},
        {"row": 5, "column": "户主身份证号", "message": "与第2行重复"},
    ]
    assert (job["imported_rows"], job["failed_rows"]) == (2, 2)

    async def paid() -> bool:
        return (
            await count(database_url, "aid_payments", "batch_id = $1", UUID(job["batch_id"])) == 2
        )

    await eventually(paid, what="the list's batch paid")
    assert await count(database_url, "outbox", "event_type = 'assistance.aid.paid'") == 2


async def test_insurance_enrolments_then_claims_on_them(
    api: Api, tree: Tree, database_url: str
) -> None:
    officer = tree.officer(api)
    ours = await admit(api, tree.union_a, tree.employer_a)
    theirs = await admit(api, tree.union_b, tree.employer_b)
    enrolled_on = str(today_in_china().replace(month=1, day=2))
    enrolments = csv_file(
        ["会员编号", "保障年度", "保费（元）", "参保日期"],
        [ours, str(YEAR), "50", enrolled_on],
        [theirs, str(YEAR), "50", enrolled_on],
        [ours, str(YEAR), "50.001", enrolled_on],
    )
    job = await upload(api, "insurance-enrolments", "参保.csv", enrolments, officer)
    assert job["errors"] == [
        {"row": 3, "column": "会员编号", "message": "该会员不在您的管辖范围内"},
        {
            "row": 4,
            "column": "保费（元）",
            "message": "保费应为以元为单位的金额，最多两位小数，如 980 或 980.50",
        },
    ]
    [enrolment] = await fetch(
        database_url, "SELECT member_id, premium_fen FROM insurance_enrolments"
    )
    assert (str(enrolment["member_id"]), enrolment["premium_fen"]) == (ours, 5000)
    claims = csv_file(
        ["会员编号", "保障年度", "报销类别", "报销金额（元）", "报销日期"],
        [ours, str(YEAR), "住院", "1,200.50", str(today_in_china())],
        [ours, str(YEAR - 1), "住院", "100", str(today_in_china())],
    )
    job = await upload(api, "insurance-claims", "报销.csv", claims, officer)
    assert job["errors"] == [{"row": 3, "column": "会员编号", "message": "参保记录不存在"}]
    [claim] = await fetch(database_url, "SELECT amount_fen, claim_kind FROM insurance_claims")
    assert (claim["amount_fen"], claim["claim_kind"]) == (120050, "inpatient")
    assert await count(database_url, "outbox", "event_type LIKE 'assistance.insurance.%'") == 2


async def test_a_file_over_the_import_limit_is_refused_before_any_job(
    tree: Tree, database_url: str, nats_url: str
) -> None:
    small, lifespan = await start_api(database_url, nats_url, import_max_bytes=2048)
    try:
        rows = [household_row(n) for n in range(40)]
        content = csv_file(HOUSEHOLD_HEADERS, *rows)
        assert len(content) > 2048
        response = await small.client.post(
            f"{IMPORTS}/households", files={"file": ("x.csv", content)}, headers=tree.officer(small)
        )
    finally:
        await stop_api(small, lifespan)
    body = assert_problem(response, 413, field="file")
    assert body["title"] == "文件过大"
    assert await count(database_url, "imports") == 0


async def test_recent_imports_list_the_subtrees_jobs_newest_first(
    api: Api, tree: Tree, database_url: str
) -> None:
    day = str(today_in_china() - timedelta(days=3))
    content = csv_file(["户主身份证号", "走访事由", "走访日期"], [person(12), "节日", day])
    officer_a, officer_b = tree.officer(api), tree.officer(api, tree.community_b)
    first = await upload(api, "visits", "甲走访.csv", content, officer_a)
    other = await upload(api, "visits", "乙走访.csv", content, officer_b)
    second = await upload(api, "households", "甲档案.csv", csv_file(HOUSEHOLD_HEADERS), officer_a)
    listed = (await api.get(IMPORTS, headers=officer_a, expect=200)).json()
    assert [job["id"] for job in listed] == [second["id"], first["id"]]  # not community b's
    assert listed[1]["status"] == "completed_with_errors"
    assert (listed[1]["failed_rows"], listed[1]["error_count"]) == (1, 1)
    assert "errors" not in listed[1]  # the job's own page has them
    city = (await api.get(IMPORTS, headers=api.token(), expect=200, limit=2)).json()
    assert [job["id"] for job in city] == [second["id"], other["id"]]
    street_auditor = api.token("auditor", tree.street)
    assert len((await api.get(IMPORTS, headers=street_auditor, expect=200)).json()) == 3
    mine = (await api.get(IMPORTS, headers=officer_b, expect=200, mine="true")).json()
    assert [job["id"] for job in mine] == [other["id"]]
    await api.get(IMPORTS, headers=officer_a, expect=422, limit=0)
    await api.get(IMPORTS, headers=api.token("union_cadre", tree.community_a), expect=403)
