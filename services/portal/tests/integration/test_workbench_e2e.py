"""A day at the workbench in Debian's headless Chromium, against every service for real.

An admin creates the accounts; a cadre admits a member and uploads a roster with one bad row,
sees the row's error, downloads it, fixes it and uploads again, as CSV and as XLSX; three officers take an
application through the chain from their to-do lists; the payment shows on the assistance
dashboard under the union and the year.
"""

from __future__ import annotations

import asyncio
import csv
import io
import uuid
from pathlib import Path

from openpyxl import Workbook
from playwright.async_api import Browser, Page, expect
from shared.identifiers import today_in_china

from .browser import PASSWORD, browser, create_account, person, sign_in
from .conftest import ADMIN_PASSWORD, Platform
from .conftest import person as id_number

__all__ = ["browser"]
ROSTER_COLUMNS = ["姓名", "身份证号", "手机号", "户口性质", "入会日期", "会员证号"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFFICERS = (
    ("officer.union", "赵专干", "甲公司工会", "同意"),
    ("officer.street", "钱专干", "新街口街道总工会", "通过"),
    ("officer.district", "孙专干", "玄武区总工会", "批准"),
)


def roster(rows: list[list[str]]) -> bytes:
    """A roster CSV in the template's columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ROSTER_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def roster_xlsx(rows: list[list[str]]) -> bytes:
    """The same roster as an Excel workbook (the cells as text, as the template has them)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for values in (ROSTER_COLUMNS, *rows):
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def admit(page: Page, platform: Platform) -> str:
    """Admit a member, first with a wrong ID number; returns the member's id."""
    await page.goto("/members/new")
    await page.get_by_label("姓名").fill("周小梅")
    await page.get_by_label("居民身份证号").fill("320102199001011235")
    await page.get_by_label("户口性质").select_option(label="农业户口")
    await page.get_by_label("基层工会").select_option(label="甲公司工会")
    await page.get_by_label("单位").select_option(label="甲公司")
    await page.get_by_label("入会日期").fill("2024-03-01")
    await page.get_by_role("button", name="提交入会").click()
    await expect(page.locator("#id_number-error")).to_be_visible()
    await expect(page.get_by_label("姓名")).to_have_value("周小梅")  # nothing typed is lost
    await expect(page.get_by_label("基层工会")).to_have_value(platform.tree.union)
    await page.get_by_label("居民身份证号").fill(id_number(3))
    await page.get_by_role("button", name="提交入会").click()
    await expect(page.get_by_text("已为 周小梅 办理入会")).to_be_visible()
    return page.url.rsplit("/", 1)[-1]


async def upload(
    page: Page, content: bytes, name: str = "花名册.csv", mime: str = "text/csv"
) -> None:
    """Upload a roster for 甲公司工会 and wait until its import has finished."""
    await page.goto("/rosters")
    await page.get_by_label("基层工会").select_option(label="甲公司工会")
    await page.get_by_label("单位").select_option(label="甲公司")
    await page.get_by_label("花名册文件（.xlsx 或 .csv）").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": content}]
    )
    await page.get_by_role("button", name="上传并导入").click()
    await page.wait_for_url("**/rosters/*-*")
    # completed, or completed_with_errors when rows were refused
    finished = page.locator("#progress[data-status^=completed]")
    await expect(finished).to_be_visible(timeout=60_000)


async def roster_round_trip(page: Page, tmp_path: Path) -> None:
    """One bad row: its error shown and downloadable; the corrected row imports cleanly."""
    good = ["吴一", id_number(11), "13800138011", "农业", "2024-03-01", ""]
    bad = ["郑二", "32010219900101", "13800138012", "非农业", "2024-03-01", ""]
    await upload(page, roster([good, bad]))
    await expect(page.get_by_text("有 1 处错误")).to_be_visible()
    await expect(page.locator("table.errors")).to_contain_text("身份证号")
    async with page.expect_download() as download:
        await page.get_by_role("link", name="下载错误清单（CSV）").click()
    saved = tmp_path / "errors.csv"
    await (await download.value).save_as(saved)
    lines = saved.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "行号,列,错误"
    assert len(lines) == 2
    assert lines[1].startswith("3,")  # the header is row 1, the bad person row 3
    await upload(page, roster([["郑二", id_number(12), "13800138012", "非农业", "2024-03-01", ""]]))
    await expect(page.get_by_text("导入完成，没有错误")).to_be_visible()
    await page.goto("/members?name=郑二")
    await expect(page.locator("table.list")).to_contain_text("郑二")


async def xlsx_round_trip(page: Page) -> None:
    """The same as an Excel roster: the bad row's error shown, the corrected row imported."""
    good = ["冯三", id_number(13), "13800138013", "农业", "2024-03-01", ""]
    bad = ["陈四", "3201021990", "13800138014", "非农业", "2024-03-01", ""]
    await upload(page, roster_xlsx([good, bad]), "花名册.xlsx", XLSX)
    await expect(page.get_by_text("有 1 处错误")).to_be_visible()
    errors = page.locator("table.errors tbody tr")
    await expect(errors).to_have_count(1)
    await expect(errors.locator("td").nth(0)).to_have_text("3")
    await expect(errors.locator("td").nth(1)).to_contain_text("身份证号")
    fixed = ["陈四", id_number(14), "13800138014", "非农业", "2024-03-01", ""]
    await upload(page, roster_xlsx([fixed]), "花名册.xlsx", XLSX)
    await expect(page.get_by_text("导入完成，没有错误")).to_be_visible()
    await page.goto("/members?name=陈四")
    await expect(page.locator("table.list")).to_contain_text("陈四")


async def apply_for_aid(platform: Platform, member_id: str) -> None:
    """A budget for the union and an application of the member (once assistance knows them)."""
    year = today_in_china().year
    budget = {"org_id": platform.tree.union, "programme": "emergency_relief", "year": year,
              "amount_fen": 1_000_000}  # fmt: skip
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    answer = await platform.dev.post(
        f"{platform.assistance}/api/v1/budgets", json=budget, headers=headers
    )
    assert answer.status_code == 200, answer.text
    body = {"programme": "emergency_relief", "member_id": member_id, "requested_fen": 100_000}
    for _ in range(120):  # the member reaches assistance's replica through NATS
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        answer = await platform.dev.post(f"{platform.assistance}/api/v1/applications", json=body,
                                         headers=headers)  # fmt: skip
        if answer.status_code == 201:
            return
        await asyncio.sleep(0.5)
    raise AssertionError(f"the application was never accepted: {answer.text}")


async def take_step(browser: Browser, platform: Platform, username: str, decision: str) -> None:
    """An officer opens the application from their to-do list and takes their step."""
    page = await person(browser, platform.portal)
    await sign_in(page, username, PASSWORD)
    await page.get_by_role("link", name="办理").first.click()
    await page.get_by_label("结论").select_option(label=decision)
    if decision == "批准":
        await page.get_by_label("核定金额（元）").fill("800.00")
    await page.get_by_role("button", name="提交").click()
    await expect(page.get_by_text("已办理")).to_be_visible()
    await expect(page.get_by_text("没有等待您办理的申请")).to_be_visible()
    if decision == "批准":
        await page.goto("/payments")
        await page.get_by_role("button", name="确认发放").click()
        await expect(page.get_by_text("已确认发放")).to_be_visible()
    await page.context.close()


async def test_a_day_at_the_workbench(platform: Platform, browser: Browser, tmp_path: Path) -> None:
    admin = await person(browser, platform.portal)
    await sign_in(admin, "admin", ADMIN_PASSWORD)
    await create_account(admin, "cadre.wang", "王干部", "工会干部", "汉中门社区工联会")
    for username, name, unit, _ in OFFICERS:
        await create_account(admin, username, name, "帮扶专干", unit)
    cadre = await person(browser, platform.portal)
    await sign_in(cadre, "cadre.wang", PASSWORD)
    member_id = await admit(cadre, platform)
    await roster_round_trip(cadre, tmp_path)
    await xlsx_round_trip(cadre)

    await apply_for_aid(platform, member_id)
    for username, _, _, decision in OFFICERS:
        await take_step(browser, platform, username, decision)

    dashboard = f"/reports?page=/dashboard/assistance&org_id={platform.tree.union}&period={today_in_china().year}"
    for _ in range(60):  # reporting counts the payment once its event has arrived
        await admin.goto(dashboard)
        await admin.wait_for_url(f"{platform.reporting}/dashboard/assistance*")
        if "800.00" in await admin.content():
            break
        await asyncio.sleep(1)
    await expect(admin.locator("body")).to_contain_text("800.00")
    await expect(admin.locator("body")).to_contain_text("甲公司工会")
