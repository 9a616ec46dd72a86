"""换届选举 through the workbench: the repeatable member rows, a row's error beside it, the
committee in office and the past ones with their size, another unit refused."""

from __future__ import annotations

import re
from typing import Any

from .conftest import ADMIN_PASSWORD, Platform, account
from .web import User

ROLES = ("chair", "vice_chair", "member", "audit", "women")


def election(elected_on: str, term_end: str, names: list[str], **extra: str) -> dict[str, Any]:
    form = {"elected_on": elected_on, "term_start": elected_on, "term_end": term_end,
            "rows": str(len(names))}  # fmt: skip
    for i, (name, role) in enumerate(zip(names, ROLES, strict=False)):
        form |= {f"members-{i}-name": name, f"members-{i}-role": role}
    return {**form, f"members-{0}-sex": "female", f"members-{0}-full_time": "on", **extra}


async def test_committees_are_elected_row_by_row_and_listed_with_their_size(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    path = f"/organisations/{platform.tree.union}/committees"
    page = (await user.page(path)).text
    assert "今天没有在任的委员会" in page
    assert len(re.findall(r'name="members-\d+-name"', page)) == 5
    grown = await user.submit(path, path, {**election("2021-03-01", "2026-02-28", ["甲"]),
                                           "action": "add_row"})  # fmt: skip
    assert len(re.findall(r'name="members-\d+-name"', grown.text)) == 2
    assert 'value="甲"' in grown.text
    past = election("2021-03-01", "2026-02-28", ["欧阳", "皇甫", "慕容"])
    nameless = {**past, "members-2-name": ""}
    refused = await user.submit(path, path, nameless)
    assert refused.status_code == 422
    assert re.search(r'id="members-2-error"[^>]*>第3位委员：姓名', refused.text)
    assert 'value="皇甫"' in refused.text  # the other rows kept
    two_chairs = await user.submit(path, path, {**past, "members-1-role": "chair"})
    assert two_chairs.status_code == 422
    assert 'id="members-error"' in two_chairs.text
    assert (await user.submit(path, path, past)).status_code == 303
    current = election("2024-06-01", "2029-05-31", ["令狐", "上官", "东方", "诸葛"])
    assert (await user.submit(path, path, current)).status_code == 303
    page = (await user.page(path)).text
    in_office = page.split('id="in-office"')[1].split("</section>")[0]
    assert "共 4 人" in in_office
    assert "主席：令狐（专职）" in in_office
    history = page.split('id="history"')[1].split("</section>")[0]
    sizes = re.findall(r'data-label="人数">(\d+)<', history)
    assert sizes == ["4", "3"]
    stored = await platform.dev.get(
        f"{platform.membership}/api/v1/organisations/{platform.tree.union}/committees/history"
    )
    assert [c["size"] for c in stored.json()["items"]] == [4, 3]
    await user.close()


async def test_a_cadre_of_another_unit_neither_reads_nor_elects_its_committee(
    platform: Platform,
) -> None:
    cadre = await account(platform, "qinhuai", "union_cadre", platform.tree.union_other, "秦干部")
    path = f"/organisations/{platform.tree.union}/committees"
    assert (await cadre.page(path)).status_code == 404
    own = f"/organisations/{platform.tree.union_other}/committees"
    form = election("2022-01-10", "2027-01-09", ["甲", "乙", "丙"])
    refused = await cadre.submit(path, own, form)
    assert refused.status_code in (403, 404, 422)
    stored = await platform.dev.get(
        f"{platform.membership}/api/v1/organisations/{platform.tree.union}/committees/history"
    )
    assert stored.json()["items"] == []
    assert (await cadre.submit(own, own, form)).status_code == 303
    await cadre.close()
