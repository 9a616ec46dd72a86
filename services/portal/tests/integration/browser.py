"""Debian's headless Chromium driven with Playwright (the wheel's driver; no browser download).

Each person gets a browser context of their own (cookies apart), as separate people would.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, async_playwright

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest_asyncio.fixture
async def browser() -> AsyncIterator[Browser]:
    """Chromium with a fresh profile (Playwright gives every launch a new temporary one)."""
    if not CHROMIUM.exists():  # noqa: ASYNC240 (one stat before the browser starts)
        pytest.fail(
            f"{CHROMIUM} is missing: install it with `apt-get install chromium fonts-noto-cjk`"
        )
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        await launched.close()


async def person(browser: Browser, base_url: str, width: int = 1280) -> Page:
    """A page in a context of its own, at ``width`` CSS pixels."""
    context = await browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 900}, locale="zh-CN",
        accept_downloads=True,
    )  # fmt: skip
    context.set_default_timeout(30_000)
    return await context.new_page()


async def sign_in(page: Page, username: str, password: str) -> None:
    """Sign in through the form and land on the to-do list."""
    await page.goto("/login")
    await page.get_by_label("用户名").fill(username)
    await page.get_by_label("密码").fill(password)
    await page.get_by_role("button", name="登录").click()
    await page.wait_for_url("**/")
    await page.get_by_role("heading", name="待办").wait_for()


async def create_account(page: Page, username: str, name: str, role: str, org: str) -> None:
    """An admin fills in the new-account form."""
    await page.goto("/accounts")
    await page.get_by_label("用户名").fill(username)
    await page.get_by_label("姓名").fill(name)
    await page.get_by_label("角色").select_option(label=role)
    await page.get_by_label("所属组织").select_option(label=org)
    await page.get_by_label("初始密码").fill(PASSWORD)
    await page.get_by_role("button", name="创建账号").click()
    await page.get_by_text(f"已创建账号 {username}").wait_for()


PASSWORD = "Workbench-2024"
