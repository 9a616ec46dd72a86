"""单位登记 through the workbench: the grouped 登记注册类型, a past registration date (补录),
the service's field errors beside their fields, the type corrected, another unit refused."""

from __future__ import annotations

import re
from datetime import timedelta

from shared.identifiers import make_uscc, today_in_china

from .conftest import ADMIN_PASSWORD, Platform, account
from .web import User

USCC = make_uscc("91320100MA0000077")


def _form(platform: Platform, **changes: str) -> dict[str, str]:
    form = {"name": "乙精密机械有限公司", "uscc": USCC, "registration_type": "310",
            "industry": "制造业", "territory_org_id": platform.tree.community, "workers": "45",
            "registered_on": "2021-05-10"}  # fmt: skip
    return {**form, **changes}


async def test_an_employer_is_registered_as_of_a_past_day_then_reclassified(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    page = (await user.page("/employers/new")).text
    for group in ("内资企业", "港澳台商投资企业", "外商投资企业", "非企业单位"):
        assert f'<optgroup label="{group}">' in page
    bad_uscc = USCC[:-1] + ("0" if USCC[-1] != "0" else "1")
    refused = await user.submit("/employers", "/employers/new", _form(platform, uscc=bad_uscc))
    assert refused.status_code == 422
    assert re.search(r'id="uscc"[^>]*aria-invalid="true"', refused.text)
    assert 'id="uscc-error"' in refused.text
    assert 'value="乙精密机械有限公司"' in refused.text  # what was typed is kept
    assert re.search(r'<option value="310"\s+selected', refused.text)
    created = await user.submit("/employers", "/employers/new", _form(platform))
    assert created.status_code == 303, created.text
    employer_path = created.headers["location"]
    stored = (await platform.dev.get(f"{platform.membership}/api/v1{employer_path}")).json()
    assert (stored["registered_on"], stored["registration_type"]) == ("2021-05-10", "310")
    assert (stored["workers"], stored["census_on"]) == (45, "2021-05-10")
    shown = (await user.page(employer_path)).text
    assert "中外合资经营企业（310）" in shown
    fixed = await user.submit(f"{employer_path}/registration-type", employer_path,
                              {"registration_type": "320"})  # fmt: skip
    assert fixed.status_code == 303, fixed.text
    assert "中外合作经营企业（320）" in (await user.page(employer_path)).text
    assert "乙精密机械有限公司" in (await user.page("/organisations")).text
    await user.close()


async def test_a_future_registration_date_and_an_unknown_type_are_shown_beside_their_fields(
    platform: Platform,
) -> None:
    user = User(platform.portal)
    await user.sign_in("admin", ADMIN_PASSWORD)
    tomorrow = (today_in_china() + timedelta(days=2)).isoformat()
    future = await user.submit("/employers", "/employers/new",
                               _form(platform, registered_on=tomorrow))  # fmt: skip
    assert future.status_code == 422
    assert 'id="registered_on-error"' in future.text
    path = f"/employers/{platform.tree.employer}"
    unknown = await user.submit(f"{path}/registration-type", path, {"registration_type": "999"})
    assert unknown.status_code == 422
    assert 'id="registration_type-error"' in unknown.text
    stored = (await platform.dev.get(f"{platform.membership}/api/v1{path}")).json()
    assert stored["registration_type"] == "173"
    await user.close()


async def test_a_cadre_of_another_unit_neither_sees_nor_registers_there(
    platform: Platform,
) -> None:
    cadre = await account(platform, "qinhuai", "union_cadre", platform.tree.union_other, "秦干部")
    foreign = await cadre.page(f"/employers/{platform.tree.employer}")
    assert foreign.status_code == 404
    assert "甲公司" not in foreign.text
    refused = await cadre.submit("/employers", "/employers/new", _form(platform))
    assert refused.status_code == 422
    assert re.search(r'id="territory_org_id-error"[^>]*>工会组织不存在', refused.text)
    listed = await platform.dev.get(
        f"{platform.membership}/api/v1/employers", params={"uscc": USCC}
    )
    assert listed.json()["items"] == []
    await cadre.close()
