"""Collective contracts and unknown census counts through the workbench's organisations page."""

from __future__ import annotations

import re

from .conftest import ADMIN_PASSWORD, Platform
from .web import User


async def test_a_regional_contract_is_signed_then_ended_early(platform: Platform) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    form = {"kind": "wage", "signing_party": "regional_union", "union_id": platform.tree.community,
            "employer_ids": [platform.tree.employer], "workers_covered": "100",
            "signed_on": "2024-03-01", "starts_on": "2024-03-01", "ends_on": "2023-02-28"}  # fmt: skip
    refused = await user.submit("/contracts", "/organisations", form)
    assert refused.status_code == 422  # ends before it starts
    assert 'value="100"' in refused.text
    assert re.search(rf'value="{platform.tree.employer}"\s+selected', refused.text)
    signed = await user.submit("/contracts", "/organisations", {**form, "ends_on": "2027-02-28"})
    assert signed.status_code == 303, signed.text
    page = (await user.page("/organisations")).text
    assert "工资专项集体协议" in page
    assert "区域性工会" in page
    contract = re.search(r'action="/contracts/([0-9a-f-]{36})/terminate"', page)
    assert contract
    path = f"/contracts/{contract.group(1)}/terminate"
    ended = await user.submit(path, "/organisations", {"terminated_on": "2025-06-30"})
    assert ended.status_code == 303, ended.text
    assert "已终止（2025-06-30）" in (await user.page("/organisations")).text
    await user.close()


async def test_a_census_without_women_and_migrant_counts_keeps_them_unknown(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    path = f"/employers/{platform.tree.employer}/census"
    census = {"workers": "140", "women": "", "migrant_workers": "", "effective_on": "2024-09-01"}
    saved = await user.submit(path, "/organisations", census)
    assert saved.status_code == 303, saved.text
    employer = await platform.dev.get(
        f"{platform.membership}/api/v1/employers/{platform.tree.employer}"
    )
    assert employer.json()["women"] is None
    assert employer.json()["workers"] == 140
    assert "不详" in (await user.page("/organisations")).text
    await user.close()
