"""A festival payment batch started from the workbench: errors beside fields, then progress
and each household's result."""

from __future__ import annotations

import asyncio
import re
import uuid

from shared.identifiers import today_in_china

from .conftest import ADMIN_PASSWORD, Platform, person
from .web import User


async def _filed_household(user: User, platform: Platform, seq: int) -> str:
    form = {"head.name": "卫送暖", "head.id_number": person(seq), "org_id": platform.tree.union,
            "level": "deep", "income_yuan": "500", "causes": ["illness"]}  # fmt: skip
    created = await user.submit("/households/new", "/households/new", form)
    assert created.status_code == 303, created.text
    page = created.headers["location"]
    for action in ("submit", "file"):
        assert (await user.submit(f"{page}/{action}", page, {})).status_code == 303
    return page.rsplit("/", 1)[1]


async def test_a_batch_pays_each_filed_household_and_shows_its_progress(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    year = today_in_china().year
    household = await _filed_household(user, platform, 81)
    budget = {"org_id": platform.tree.community, "programme": "festival_consolation",
              "year": year, "amount_fen": 1_000_000}  # fmt: skip
    answer = await platform.dev.post(f"{platform.assistance}/api/v1/budgets", json=budget,
                                     headers={"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
    assert answer.status_code == 200, answer.text
    form = {"programme": "festival_consolation", "year": str(year),
            "budget_org_id": platform.tree.community, "amount_yuan": "五百",
            "method": "cash", "levels": ["deep"]}  # fmt: skip
    refused = await user.submit("/payments/batches", "/payments/batches/new", form)
    assert refused.status_code == 422
    assert 'id="amount_yuan-error"' in refused.text
    assert re.search(r'value="deep"\s+checked', refused.text)
    started = await user.submit("/payments/batches", "/payments/batches/new",
                                {**form, "amount_yuan": "500"})  # fmt: skip
    assert started.status_code == 303, started.text
    page = started.headers["location"]
    for _ in range(120):
        progress = await user.client.get(page, headers={"HX-Request": "true"})
        if 'data-status="completed"' in progress.text:
            break
        assert 'hx-trigger="every 1s"' in progress.text  # refreshed while it runs
        await asyncio.sleep(0.5)
    assert "已发放 1 户 500.00 元" in progress.text
    detail = (await user.page(page)).text
    assert "元旦春节送温暖" in detail
    assert f'href="/households/{household}"' in detail
    assert "已发放" in detail
    await user.close()
