"""Hardship files through the workbench: a draft with its family, errors beside their fields,
then submitted and filed."""

from __future__ import annotations

import re

from shared.identifiers import today_in_china

from .conftest import ADMIN_PASSWORD, Platform, person
from .web import User


async def test_a_file_is_opened_with_its_family_submitted_and_filed(platform: Platform) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    form = {
        "head.name": "冯困难", "head.id_number": "320102199001011235", "org_id": platform.tree.union,
        "family.0.relation": "child", "family.0.name": "冯小", "level": "deep",
        "income_yuan": "650.50", "causes": ["illness", "low_income"],
    }  # fmt: skip
    refused = await user.submit("/households/new", "/households/new", form)
    assert refused.status_code == 422
    assert 'id="head.id_number-error"' in refused.text  # the bad check digit, beside its field
    assert 'value="冯困难"' in refused.text
    assert 'value="650.50"' in refused.text
    assert re.search(r'value="illness"\s+checked', refused.text)
    created = await user.submit("/households/new", "/households/new",
                                {**form, "head.id_number": person(40)})  # fmt: skip
    assert created.status_code == 303, created.text
    page = created.headers["location"]
    detail = await user.page(page)
    assert "草稿" in detail.text
    assert "子女：冯" in detail.text  # names are masked unless revealed
    assert "650.50 元" in detail.text
    for action, status in (("submit", "已提交"), ("file", "在档")):
        done = await user.submit(f"{page}/{action}", page, {})
        assert done.status_code == 303, done.text
        assert status in (await user.page(page)).text
    visited = await user.submit(f"{page}/visits", page, {"occasion": "festival",
                                "visited_on": today_in_china().isoformat(), "note": "春节慰问"})  # fmt: skip
    assert visited.status_code == 303, visited.text
    assert "春节慰问" in (await user.page(page)).text
    listing = await user.page("/households?status=filed")
    assert f'href="{page}"' in listing.text
    await user.close()


async def test_a_cadre_enters_an_employer_census(platform: Platform) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    path = f"/employers/{platform.tree.employer}/census"
    census = {
        "workers": "120",
        "women": "130",
        "migrant_workers": "30",
        "effective_on": "2024-06-01",
    }
    refused = await user.submit(path, "/organisations", census)
    assert refused.status_code == 422  # more women than workers
    assert 'value="130"' in refused.text
    assert "notice error" in refused.text
    saved = await user.submit(path, "/organisations", {**census, "women": "60"})
    assert saved.status_code == 303, saved.text
    page = await user.page("/organisations")
    assert "排摸数据已登记" in page.text
    assert "2024-06-01" in page.text
    await user.close()


async def test_a_returned_file_is_corrected_and_submitted_again(platform: Platform) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    form = {"head.name": "秦退回", "head.id_number": person(44), "org_id": platform.tree.union,
            "family.0.relation": "spouse", "family.0.name": "秦配偶", "level": "relative",
            "income_yuan": "900", "causes": ["low_income"]}  # fmt: skip
    created = await user.submit("/households/new", "/households/new", form)
    page = created.headers["location"]
    assert (await user.submit(f"{page}/submit", page, {})).status_code == 303
    returned = await user.submit(f"{page}/return", page, {"note": "请补充收入证明"})
    assert returned.status_code == 303, returned.text
    edit = (await user.page(f"{page}/edit")).text
    assert "请补充收入证明" in edit
    assert 'value="秦配偶"' in edit  # read in full to be corrected
    assert 'value="900.00"' in edit
    changed = {**form, "income_yuan": "-5", "family.1.relation": "child",
               "family.1.name": "秦小", "family_rows": "3"}  # fmt: skip
    refused = await user.submit(f"{page}/edit", f"{page}/edit", changed)
    assert refused.status_code == 422
    assert 'value="秦小"' in refused.text  # what was typed is kept
    saved = await user.submit(f"{page}/edit", f"{page}/edit", {**changed, "income_yuan": "750"})
    assert saved.status_code == 303, saved.text
    detail = (await user.page(page)).text
    assert "750.00 元" in detail
    assert "子女：秦" in detail
    assert (await user.submit(f"{page}/submit", page, {})).status_code == 303
    assert "已提交" in (await user.page(page)).text
    filed = (await user.page("/households?status=filed")).text
    assert f'href="{page}"' not in filed
    await user.close()
