"""A dashboard at a phone's and a PC's width in headless Chromium (Playwright drives Debian's
chromium): nothing overflows the page sideways, wide tables scroll in their own box, charts
shrink to fit. A full-page screenshot of each width is left in the test's directory."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

from . import headless

WIDTHS = (1280, 390)
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


async def check_widths(base_url: str, token: str, target: str, shots: Path) -> list[Path]:
    """Sign in with ``token``, open ``target`` at each width and check its layout."""
    taken = []
    async with async_playwright() as playwright:
        chromium = str(headless.require_chromium())
        browser = await playwright.chromium.launch(executable_path=chromium, args=headless.FLAGS)
        for width in WIDTHS:
            page = await signed_in(browser, base_url, token, width)
            await page.goto(target)
            shot = shots / f"{target.strip('/').split('?')[0].replace('/', '-')}-{width}.png"
            await page.screenshot(path=str(shot), full_page=True)
            await _fits(page, width)
            taken.append(shot)
            await page.context.close()
        await browser.close()
    return taken


async def signed_in(browser: Browser, base_url: str, token: str, width: int) -> Page:
    context = await browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 900}, locale="zh-CN"
    )
    page = await context.new_page()
    await page.goto("/")
    await page.locator("textarea[name=token]").fill(token)
    await page.get_by_role("button", name="登录").click()
    await page.wait_for_load_state()
    return page


async def _fits(page: Page, width: int) -> None:
    assert await page.evaluate(OVERFLOW) <= 0, f"the page overflows sideways at {width} px"
    table = await page.locator(".breakdown .scroll").bounding_box()
    assert table is not None, "no children table"
    assert table["x"] >= 0
    assert table["x"] + table["width"] <= width, f"the table's box is wider than {width} px"
    charts = await page.locator("svg").all()
    assert charts, "no chart"
    for chart in charts:
        box = await chart.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= width, f"a chart is wider than {width} px"
