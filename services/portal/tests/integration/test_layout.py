"""The main pages at 1280 px and 390 px: no sideways overflow, a label on every control, and
the admit form completed with the keyboard alone."""

from __future__ import annotations

import asyncio
from pathlib import Path

from playwright.async_api import Browser, Page, expect
from shared.identifiers import today_in_china

from .browser import browser, person, sign_in
from .classes import training_ready
from .conftest import ADMIN_PASSWORD, Platform
from .conftest import person as id_number
from .mediation import mediation_network, registered_case

__all__ = ["browser"]
PAGES = ("/", "/members", "/members/new", "/rosters", "/organisations", "/households",
         "/households/new", "/applications", "/applications/new", "/budgets", "/imports/recent",
         "/payments", "/payments/batches/new", "/donations", "/insurance", "/disputes/contacts",
         "/disputes/cases", "/disputes/cases/new", "/disputes/network", "/disputes/legal-aid",
         "/training/classes",
         "/training/employment", "/training/postings", "/training/competitions",
         "/training/verify",
         "/accounts",
         "/password")  # fmt: skip

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(c => c.type !== 'hidden' && c.labels.length === 0 && !c.getAttribute('aria-label'))
  .map(c => c.name || c.id)"""


async def check_page(page: Page, path: str, shots: Path, width: int) -> None:
    await page.goto(path)
    await expect(page.locator("main h1").first).to_be_visible()
    await page.screenshot(path=str(shots / f"{path.strip('/').replace('/', '-') or 'todo'}-{width}.png"),
                          full_page=True)  # fmt: skip
    assert await page.evaluate(OVERFLOW) <= 0, f"{path} overflows sideways at {width} px"
    assert await page.evaluate(UNLABELLED) == [], f"{path} has controls without a label"


async def test_main_pages_fit_a_phone_and_a_pc(
    platform: Platform, browser: Browser, tmp_path: Path
) -> None:
    for width in (1280, 390):
        page = await person(browser, platform.portal, width=width)
        await sign_in(page, "admin", ADMIN_PASSWORD)
        for path in PAGES:
            await check_page(page, path, tmp_path, width)
        await page.context.close()
    assert len(list(tmp_path.glob("*.png"))) == 2 * len(PAGES)  # noqa: ASYNC240


async def test_a_case_page_and_a_class_page_fit_a_phone(
    platform: Platform, browser: Browser, tmp_path: Path
) -> None:
    network = await mediation_network(platform)
    case_id = await registered_case(platform, network, today_in_china().isoformat())
    evidence = await platform.dev.post(  # a hash row must wrap, not widen the page
        f"{platform.disputes}/api/v1/cases/{case_id}/evidence",
        files={"file": ("工资条.pdf", b"%PDF-1.4\n" + b"1" * 100, "application/pdf")},
    )
    assert evidence.status_code == 201, evidence.text
    page = await person(browser, platform.portal, width=390)
    await sign_in(page, "admin", ADMIN_PASSWORD)
    await check_page(page, f"/disputes/cases/{case_id}", tmp_path, 390)
    await page.get_by_text("不予受理").first.click()  # an open step's form fits too
    await expect(page.get_by_label("理由")).to_be_visible()
    assert await page.evaluate(OVERFLOW) <= 0, "the case page overflows with a step open"
    await page.get_by_text("上传证据").click()
    await expect(page.get_by_label("证据文件")).to_be_visible()
    assert await page.evaluate(OVERFLOW) <= 0, "the case page overflows with its evidence"
    assert await page.evaluate(UNLABELLED) == [], "the case page has controls without a label"
    class_id = await training_ready(platform)  # twelve sessions: the tabs must wrap
    await check_page(page, f"/training/classes/{class_id}", tmp_path, 390)


async def test_the_admit_form_with_the_keyboard_alone(platform: Platform, browser: Browser) -> None:
    page = await person(browser, platform.portal, width=390)
    await sign_in(page, "admin", ADMIN_PASSWORD)
    await page.goto("/members/new")
    await page.get_by_label("姓名").focus()
    keyboard = page.keyboard
    await keyboard.type("孙键盘")
    await keyboard.press("Tab")
    await keyboard.type(id_number(21))
    await keyboard.press("Tab")
    await keyboard.type("13800138021")
    await keyboard.press("Tab")  # 户口性质: the first letter-free choice with the arrow key
    await keyboard.press("ArrowDown")
    await keyboard.press("Tab")
    await keyboard.press("ArrowDown")  # 基层工会: the only union
    await keyboard.press("Tab")
    await keyboard.press("ArrowDown")  # 单位: the only employer
    await keyboard.press("Tab")
    await keyboard.type(
        "03012024"
    )  # month, day and year segments (headless order) advance by themselves
    await expect(page.get_by_label("入会日期")).to_have_value("2024-03-01")
    for _ in range(4):  # on past 会员证号 (and the date's own picker, where it takes focus)
        await keyboard.press("Tab")
        if await page.evaluate("() => document.activeElement.textContent === '提交入会'"):
            break
    await expect(page.get_by_role("button", name="提交入会")).to_be_focused()
    await keyboard.press("Enter")
    await expect(page.get_by_text("已为 孙键盘 办理入会")).to_be_visible()


async def budget_and_import(platform: Platform) -> None:
    """A budget of the street and a visits import with a long file name, through the API."""
    body = {"org_id": platform.tree.street, "programme": "medical_aid", "year": 2024,
            "amount_fen": 123_456_789}  # fmt: skip
    for _ in range(120):  # the street reaches assistance's replica through NATS
        set_budget = await platform.dev.post(f"{platform.assistance}/api/v1/budgets", json=body)
        if set_budget.status_code != 404:
            break
        await asyncio.sleep(0.5)
    assert set_budget.status_code == 200, set_budget.text
    name = "二〇二四年度走访慰问记录汇总表（新街口街道各社区工联会合并版）.csv"
    content = "户主身份证号,走访事由,走访日期\n110101199001011234,节日,2024-01-20\n".encode()
    uploaded = await platform.dev.post(f"{platform.assistance}/api/v1/imports/visits",
                                       files={"file": (name, content, "text/csv")})  # fmt: skip
    assert uploaded.status_code == 202, uploaded.text


async def test_registration_committee_and_import_pages_fit_a_phone_and_a_pc(
    platform: Platform, browser: Browser, tmp_path: Path
) -> None:
    await budget_and_import(platform)  # rows in the budget and recent-import tables
    paths = ("/employers/new", f"/employers/{platform.tree.employer}",
             f"/organisations/{platform.tree.union}/committees", "/imports?kind=households",
             "/imports?kind=festival-lists", "/budgets?year=2024",
             "/imports/recent?scope=all")  # fmt: skip
    for width in (1280, 390):
        page = await person(browser, platform.portal, width=width)
        await sign_in(page, "admin", ADMIN_PASSWORD)
        for path in paths:
            await check_page(page, path, tmp_path, width)
        await page.context.close()


async def referred_case_and_refused_import(platform: Platform) -> tuple[str, str]:
    """A referred case with evidence, and a visits import with a refused row, via the APIs."""
    case_id = await registered_case(platform, await mediation_network(platform),
                                    today_in_china().isoformat())  # fmt: skip
    cases = f"{platform.disputes}/api/v1/cases/{case_id}"
    evidence = await platform.dev.post(f"{cases}/evidence", files={
        "file": ("劳动合同.pdf", b"%PDF-1.4\n" + b"3" * 100, "application/pdf")})  # fmt: skip
    assert evidence.status_code == 201, evidence.text
    today = today_in_china().isoformat()
    for route, body in (("accept", {"accepted_on": today}),
                        ("failure", {"reason": "no_agreement", "failed_on": today}),
                        ("referral", {"referred_on": today, "wages_claimed_fen": 100})):  # fmt: skip
        assert (await platform.dev.post(f"{cases}/{route}", json=body)).status_code == 200
    content = "户主身份证号,走访事由,走访日期\n11010119900101123X,节日,不是日期\n".encode()
    uploaded = await platform.dev.post(f"{platform.assistance}/api/v1/imports/visits",
                                       files={"file": ("走访.csv", content, "text/csv")})  # fmt: skip
    assert uploaded.status_code == 202, uploaded.text
    return case_id, str(uploaded.json()["id"])


async def class_with_a_waiting_list(platform: Platform) -> str:
    """A one-seat class requiring an assessment: a person seated and one waiting."""
    await training_ready(platform)
    today = today_in_china().isoformat()
    body = {"org_id": platform.tree.street, "title": "育婴师培训班", "kind": "skills",
            "provider": "市职工学校", "venue": "新街口职工服务中心", "starts_on": today,
            "ends_on": today, "sessions_planned": 1, "capacity": 1, "target_groups": ["all"],
            "assessment_required": True}  # fmt: skip
    opened = await platform.dev.post(f"{platform.training}/api/v1/classes", json=body)
    assert opened.status_code == 201, opened.text
    class_id = str(opened.json()["id"])
    for name, seq in (("欧阳在班", 61), ("司马候补", 62)):
        enrolled = await platform.dev.post(
            f"{platform.training}/api/v1/classes/{class_id}/enrolments",
            json={"person": {"name": name, "id_number": id_number(seq)}},
        )
        assert enrolled.status_code == 201, enrolled.text
    return class_id


async def test_case_package_access_log_import_errors_and_class_rows_fit(
    platform: Platform, browser: Browser, tmp_path: Path
) -> None:
    case_id, import_id = await referred_case_and_refused_import(platform)
    class_id = await class_with_a_waiting_list(platform)
    paths = (f"/disputes/cases/{case_id}/package", f"/disputes/cases/{case_id}/access-log",
             f"/imports/visits/{import_id}", "/disputes/audit?verify=true",
             f"/training/classes/{class_id}")  # fmt: skip
    for width in (1280, 390):
        page = await person(browser, platform.portal, width=width)
        await sign_in(page, "admin", ADMIN_PASSWORD)
        for path in paths:
            await check_page(page, path, tmp_path, width)
        await page.goto(f"/imports/visits/{import_id}")
        await expect(page.get_by_role("link", name="下载错误清单（Excel）")).to_be_visible()
        await page.goto(f"/training/classes/{class_id}")
        await page.get_by_text("退班", exact=True).first.click()  # a row's step open fits too
        await expect(page.get_by_label("退班原因").first).to_be_visible()
        assert await page.evaluate(OVERFLOW) <= 0, f"the class page overflows at {width} px"
        assert await page.evaluate(UNLABELLED) == []
        await page.context.close()
