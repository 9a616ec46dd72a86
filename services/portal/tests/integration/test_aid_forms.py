"""申请帮扶, 帮扶资金预算 and 最近导入 through the workbench: an application typed in yuan and dated
in the past (a bad amount and a future date refused beside their fields, the typed values kept),
an application for a member without a hardship file from the member page (found by name, out
of another scope neither offered nor accepted), exactly one of household and member chosen, a
budget set and shown with the figures assistance gives, and the latest imports listed with a
job's refused rows one link away."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import timedelta
from typing import Any

from shared.identifiers import today_in_china

from .conftest import ADMIN_PASSWORD, Platform, account, person
from .test_imports import HEADERS, XLSX, finished, xlsx_file
from .web import User


async def _post(platform: Platform, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await platform.dev.post(f"{platform.assistance}{path}", json=body,
                                       headers={"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    assert response.status_code in (200, 201, 202), response.text
    answer: dict[str, Any] = response.json()
    return answer


async def filed_household(platform: Platform, seq: int, filed_on: str) -> str:
    """A household of the union filed on ``filed_on`` (补录 of its filing)."""
    head = {"name": f"葛{seq}芳", "id_number": person(seq)}
    body = {"head": head, "family": [], "level": "deep", "causes": ["illness"],
            "monthly_income_per_capita_fen": 80000, "temporary": False,
            "org_id": platform.tree.union}  # fmt: skip
    for _ in range(120):  # the union reaches assistance's replica through NATS
        response = await platform.dev.post(f"{platform.assistance}/api/v1/households", json=body,
                                           headers={"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
        if response.status_code != 404:
            break
        await asyncio.sleep(0.5)
    assert response.status_code == 201, response.text
    draft = response.json()
    path = f"/api/v1/households/{draft['id']}"
    await _post(platform, f"{path}/submit", {})
    await _post(platform, f"{path}/file", {"effective_on": filed_on})
    return str(draft["id"])


async def test_an_application_is_typed_in_yuan_dated_in_the_past_and_waits_on_the_to_do(
    platform: Platform,
) -> None:
    household = await filed_household(platform, 71, "2024-01-10")
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    assert 'href="/applications/new"' in (await user.page("/applications")).text
    link = f"/applications/new?household_id={household}"
    assert f'href="{link}"' in (await user.page(f"/households/{household}")).text
    form_page = (await user.page(link)).text
    assert re.search(rf'<option value="{household}"\s+selected', form_page)
    assert f'value="{today_in_china().isoformat()}"' in form_page  # 申请日期 defaults to today
    typed = {"household_id": household, "programme": "medical_aid", "requested_yuan": "五百",
             "submitted_on": "2024-03-01", "reason": "户主住院化疗，自付部分无力承担"}  # fmt: skip
    words = await user.submit("/applications/new", link, typed)
    assert words.status_code == 422
    assert re.search(r'id="requested_yuan-error"[^>]*>请填写申请金额', words.text)
    assert 'value="五百"' in words.text
    assert 'value="2024-03-01"' in words.text
    assert ">户主住院化疗，自付部分无力承担</textarea>" in words.text
    assert re.search(r'<option value="medical_aid"\s+selected', words.text)
    tomorrow = (today_in_china() + timedelta(days=1)).isoformat()
    future = await user.submit("/applications/new", link,
                               {**typed, "requested_yuan": "1234.5", "submitted_on": tomorrow})  # fmt: skip
    assert future.status_code == 422
    assert re.search(r'id="submitted_on-error"[^>]*>[^<]*不能晚于今天', future.text)
    assert 'value="1234.5"' in future.text
    assert f'value="{tomorrow}"' in future.text
    before_filing = await user.submit("/applications/new", link,
                                      {**typed, "requested_yuan": "1234.5",
                                       "submitted_on": "2023-12-01"})  # fmt: skip
    assert re.search(r'id="submitted_on-error"[^>]*>[^<]*2024-01-10', before_filing.text)
    created = await user.submit("/applications/new", link, {**typed, "requested_yuan": "1234.5"})
    assert created.status_code == 303, created.text
    page = created.headers["location"]
    shown = (await user.page(page)).text
    assert "已提交帮扶申请" in shown
    assert "1,234.50 元" in shown
    assert "<dd>户主住院化疗，自付部分无力承担</dd>" in shown
    stored = await platform.dev.get(f"{platform.assistance}/api/v1{page}")
    assert {k: stored.json()[k] for k in ("requested_fen", "submitted_on", "household_id",
                                          "status", "reason")} == {
        "requested_fen": 123450, "submitted_on": "2024-03-01", "household_id": household,
        "status": "submitted", "reason": "户主住院化疗，自付部分无力承担"}  # fmt: skip
    todo = (await user.page("/")).text
    assert f'href="{page}"' in todo  # the grassroots opinion is due, and the admin may give it
    await user.close()


async def _budget_row(user: User, budget_id: str) -> dict[str, str]:
    shown = (await user.page("/budgets?year=2024")).text
    row = re.search(rf'<tr data-budget="{budget_id}">(.*?)</tr>', shown, re.S)
    assert row, shown
    cells = re.findall(r'class="amount-(\w+)">([^<]*)<', row.group(1))
    return dict(cells)


async def test_a_budget_is_set_and_shows_the_figures_assistance_gives(platform: Platform) -> None:
    household = await filed_household(platform, 72, "2024-01-10")
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    assert 'href="/budgets"' in (await user.page("/")).text  # in the menu
    form = {"org_id": platform.tree.street, "programme": "festival_consolation", "year": "2024",
            "amount_yuan": "一万"}  # fmt: skip
    words = await user.submit("/budgets", "/budgets", {**form, "programme": ""})
    assert words.status_code == 422
    assert re.search(r'id="programme-error"[^>]*>请选择帮扶项目', words.text)
    assert re.search(r'id="amount_yuan-error"[^>]*>请填写预算总额', words.text)
    assert 'value="一万"' in words.text
    assert re.search(rf'<option value="{platform.tree.street}"\s+selected', words.text)
    saved = await user.submit("/budgets", "/budgets", {**form, "amount_yuan": "10000.5"})
    assert saved.status_code == 303, saved.text
    assert saved.headers["location"] == "/budgets?year=2024"
    budgets = await platform.dev.get(f"{platform.assistance}/api/v1/budgets",
                                     params={"year": 2024})  # fmt: skip
    [budget] = budgets.json()["items"]
    assert budget["amount_fen"] == 1_000_050
    await _post(platform, "/api/v1/payment-batches", {  # pays from the budget: paid, available
        "programme": "festival_consolation", "year": 2024, "budget_org_id": platform.tree.street,
        "amount_fen": 60_025, "paid_on": "2024-12-20",
        "selection": {"household_ids": [household]}})  # fmt: skip
    for _ in range(60):
        row = await _budget_row(user, budget["id"])
        if row["paid"] != "0.00":
            break
        await asyncio.sleep(0.5)
    given = (await platform.dev.get(f"{platform.assistance}/api/v1/budgets/{budget['id']}")).json()
    assert (given["paid_fen"], given["available_fen"]) == (60_025, 940_025)
    assert row == {"total": "10,000.50", "reserved": "0.00", "paid": "600.25",
                   "available": "9,400.25"}  # fmt: skip
    shown = (await user.page("/budgets?year=2024")).text
    assert "新街口街道总工会" in shown
    assert "元旦春节送温暖" in shown
    assert "2023 年度没有设置预算" in (await user.page("/budgets?year=2023")).text
    auditor = await account(platform, "shenji", "auditor", platform.tree.district, "赵审计")
    read_only = (await auditor.page("/budgets?year=2024")).text
    assert 'href="/budgets"' in read_only
    assert "10,000.50" in read_only
    assert 'method="post" action="/budgets"' not in read_only  # auditors read, set nothing
    cadre = await account(platform, "ganbu", "union_cadre", platform.tree.union, "钱干部")
    assert (await cadre.page("/budgets")).status_code == 403
    await user.close()
    await auditor.close()
    await cadre.close()


async def test_recent_imports_list_a_job_with_errors_and_link_to_its_rows(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    assert "您还没有上传过导入文件" in (await user.page("/imports/recent")).text
    bad_id = person(74)[:17] + ("0" if person(74)[17] != "0" else "1")
    content = xlsx_file(HEADERS, ["蒋最近", person(73), "深度困难", "疾病", "800"],
                        ["沈最近", bad_id, "相对困难", "低收入", "900"])  # fmt: skip
    uploaded = await user.submit("/imports/households", "/imports?kind=households",
                                 {"org_id": platform.tree.union},
                                 files={"file": ("三月档案.xlsx", content, XLSX)})  # fmt: skip
    assert uploaded.status_code == 303, uploaded.text
    job_path = uploaded.headers["location"]
    await finished(user, job_path)
    listed = (await user.page("/imports/recent")).text
    row = re.search(r'<tr data-import="[^"]+" data-status="(\w+)">(.*?)</tr>', listed, re.S)
    assert row, listed
    assert row.group(1) == "completed_with_errors"
    cells = re.sub(r"<[^>]+>", "|", row.group(2))
    for shown in ("困难职工档案", "三月档案.xlsx", "部分行有误", "|1|", "查看错误（1）"):
        assert shown in cells, cells
    assert f'href="{job_path}"' in row.group(2)
    rows_page = (await user.page(job_path)).text
    assert re.search(r"第 3 行</td><td[^>]*>户主身份证号</td>", rows_page)
    assert "三月档案.xlsx" in (await user.page("/imports/recent?scope=all")).text
    other = await account(platform, "qinhuai2", "assistance_officer", platform.tree.union_other)
    assert "三月档案.xlsx" not in (await other.page("/imports/recent?scope=all")).text
    await user.close()
    await other.close()


async def admitted(platform: Platform, seq: int, name: str) -> str:
    """A member of the union, admitted through membership; no hardship file."""
    body = {"name": name, "id_number": person(seq), "household_type": "non_agricultural",
            "employer_id": platform.tree.employer, "union_id": platform.tree.union,
            "joined_on": "2024-01-02"}  # fmt: skip
    answer = await platform.dev.post(f"{platform.membership}/api/v1/members", json=body,
                                     headers={"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


async def test_a_member_without_a_file_is_applied_for_from_the_member_page(
    platform: Platform,
) -> None:
    member = await admitted(platform, 75, "卫无档")
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    link = f"/applications/new?member_id={member}"
    assert f'href="{link}"' in (await user.page(f"/members/{member}")).text
    assert re.search(rf'<option value="{member}"\s+selected', (await user.page(link)).text)
    typed = {"programme": "student_aid", "requested_yuan": "3000", "reason": "子女考入大学"}
    found = await user.submit("/applications/new", "/applications/new",
                              {**typed, "member_query": "卫无档", "intent": "find"})  # fmt: skip
    assert found.status_code == 200
    assert f'<option value="{member}"' in found.text  # found by name, the typed values kept
    assert 'value="3000"' in found.text
    assert re.search(r'<option value="student_aid"\s+selected', found.text)
    for _ in range(120):  # the member reaches assistance's replica through NATS
        created = await user.submit("/applications/new", link, {**typed, "member_id": member})
        if created.status_code != 422 or "会员不存在" not in created.text:
            break
        await asyncio.sleep(0.5)
    assert created.status_code == 303, created.text
    page = created.headers["location"]
    shown = (await user.page(page)).text
    assert "已提交帮扶申请（金秋助学" in shown
    assert "<dd data-applicant>卫无档（会员，无困难档案）</dd>" in shown
    stored = (await platform.dev.get(f"{platform.assistance}/api/v1{page}")).json()
    assert (stored["member_id"], stored["household_id"], stored["requested_fen"]) == (
        member,
        None,
        300_000,
    )
    other = await account(platform, "qinhuai5", "assistance_officer", platform.tree.union_other)
    assert f'value="{member}"' not in (await other.page(link)).text  # out of scope: not offered
    search = await other.submit("/applications/new", "/applications/new",
                                {**typed, "member_query": "卫无档", "intent": "find"})  # fmt: skip
    assert f'value="{member}"' not in search.text
    assert "辖区内没有找到该会员" in search.text
    refused = await other.submit("/applications/new", link, {**typed, "member_id": member})
    assert refused.status_code == 422
    assert re.search(r'id="member_id-error"[^>]*>该会员不在您的管辖范围内', refused.text)
    await user.close()
    await other.close()


async def test_exactly_one_of_household_and_member_is_chosen(platform: Platform) -> None:
    household = await filed_household(platform, 76, "2024-01-10")
    member = await admitted(platform, 77, "韦两选")
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    typed = {"programme": "medical_aid", "requested_yuan": "1234.5", "submitted_on": "2024-03-01",
             "reason": "住院自付部分无力承担"}  # fmt: skip
    both = await user.submit("/applications/new", "/applications/new",
                             {**typed, "household_id": household, "member_id": member})  # fmt: skip
    assert both.status_code == 422
    assert re.search(r'id="applicant-error"[^>]*>困难户和会员只能选择一项', both.text)
    assert re.search(rf'<option value="{household}"\s+selected', both.text)
    assert re.search(rf'<option value="{member}"\s+selected', both.text)
    neither = await user.submit("/applications/new", "/applications/new", typed)
    assert neither.status_code == 422
    assert re.search(r'id="applicant-error"[^>]*>请选择申请的困难户，或为会员申请', neither.text)
    for answer in (both, neither):
        assert 'value="1234.5"' in answer.text
        assert 'value="2024-03-01"' in answer.text
        assert ">住院自付部分无力承担</textarea>" in answer.text
        assert re.search(r'<option value="medical_aid"\s+selected', answer.text)
    listed = await platform.dev.get(f"{platform.assistance}/api/v1/applications")
    assert listed.json()["total"] == 0  # neither was sent to assistance
    await user.close()
