"""The main menu on a phone: folded behind one 菜单 button naming the page, opened by a tap or
the keyboard; on a PC every entry shows and the button never does."""

from __future__ import annotations

from playwright.async_api import Browser, expect

from .browser import browser, person, sign_in
from .conftest import ADMIN_PASSWORD, Platform

__all__ = ["browser"]


async def test_a_phone_folds_the_menu_behind_one_button(
    platform: Platform, browser: Browser
) -> None:
    page = await person(browser, platform.portal, width=390)
    await sign_in(page, "admin", ADMIN_PASSWORD)
    await page.goto("/members")
    menu = page.get_by_role("navigation", name="主菜单")
    toggle = page.get_by_role("button", name="菜单：会员")
    await expect(toggle).to_be_visible()
    await expect(toggle).to_have_attribute("aria-expanded", "false")
    await expect(menu.get_by_role("link", name="困难档案")).to_be_hidden()
    above_the_fold = await page.locator("main h1").first.bounding_box()
    assert above_the_fold is not None
    assert above_the_fold["y"] < 250, "the page's heading should not sit below the menu"

    await toggle.click()
    await expect(toggle).to_have_attribute("aria-expanded", "true")
    await menu.get_by_role("link", name="困难档案").click()
    await expect(page).to_have_url(f"{platform.portal}/households")
    await expect(page.get_by_role("button", name="菜单：困难档案")).to_be_visible()
    await page.context.close()


async def test_the_menu_opens_from_the_keyboard(platform: Platform, browser: Browser) -> None:
    page = await person(browser, platform.portal, width=390)
    await sign_in(page, "admin", ADMIN_PASSWORD)
    toggle = page.get_by_role("button", name="菜单：待办")
    await toggle.focus()
    await page.keyboard.press("Enter")
    menu = page.get_by_role("navigation", name="主菜单")
    await expect(menu.get_by_role("link", name="会员")).to_be_visible()
    await page.context.close()


async def test_a_pc_shows_every_entry_and_no_button(platform: Platform, browser: Browser) -> None:
    page = await person(browser, platform.portal, width=1280)
    await sign_in(page, "admin", ADMIN_PASSWORD)
    await expect(page.get_by_role("button", name="菜单：待办")).to_be_hidden()
    menu = page.get_by_role("navigation", name="主菜单")
    await expect(menu.get_by_role("link", name="困难档案")).to_be_visible()
    await expect(menu.get_by_role("link", name="账号管理")).to_be_visible()
    await page.context.close()
