"""The annual report pages at a phone's and a PC's width, in one headless Chromium: the page
never overflows sideways, every table scrolls inside its card, every form control has a label.
A full-page screenshot of each page and width is left in the test's directory."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Page, async_playwright

from . import headless
from .layout_check import OVERFLOW, WIDTHS, signed_in

UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter(control => control.labels.length === 0).map(control => control.name)"""


async def check(base_url: str, token: str, targets: list[str], shots: Path) -> list[Path]:
    """Sign in with ``token`` once per width, open each of ``targets`` and check its layout."""
    taken = []
    async with async_playwright() as playwright:
        chromium = str(headless.require_chromium())
        browser = await playwright.chromium.launch(executable_path=chromium, args=headless.FLAGS)
        for width in WIDTHS:
            page = await signed_in(browser, base_url, token, width)
            for index, target in enumerate(targets):
                await page.goto(target)
                shot = shots / f"annual-{index}-{width}.png"
                await page.screenshot(path=str(shot), full_page=True)
                await _fits(page, width, target)
                taken.append(shot)
            await page.context.close()
        await browser.close()
    return taken


async def _fits(page: Page, width: int, target: str) -> None:
    assert await page.evaluate(OVERFLOW) <= 0, f"{target} overflows sideways at {width} px"
    assert await page.evaluate(UNLABELLED) == [], f"{target} has a control without a label"
    boxes = await page.locator(".panel .scroll").all()
    assert boxes, f"{target} shows no table"
    for box in boxes:
        found = await box.bounding_box()
        assert found is not None
        assert found["x"] >= 0, (target, width)
        assert found["x"] + found["width"] <= width, (target, width)
    assert await page.locator("h2").first.is_visible()
