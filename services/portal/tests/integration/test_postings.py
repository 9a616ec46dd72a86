"""招聘信息 through the workbench: a posting published (a missing title and positions in words
refused beside their fields, the rest kept), a seeker placed through it on 就业服务 and counted
on the posting, a cadre reading the list without the form, an assistance officer refused."""

from __future__ import annotations

import re

from shared.identifiers import today_in_china

from .classes import training_ready
from .conftest import Platform, account, person

POSTING = {"employer_name": "金陵电梯安装有限公司", "title": "电梯安装工", "occupation": "电梯安装维修工",
           "positions": "3"}  # fmt: skip


def alert(text: str, field: str) -> str:
    found = re.search(rf'id="{re.escape(field)}-error" role="alert">(.*?)</p>', text)
    assert found, f"no error beside {field}"
    return found.group(1)


async def test_a_posting_is_published_and_a_seeker_placed_through_it(platform: Platform) -> None:
    await training_ready(platform)
    coordinator = await account(
        platform, "coord.post", "training_coordinator", platform.tree.street
    )
    page = "/training/postings"
    assert f'href="{page}"' in (await coordinator.page("/training/employment")).text
    form = {**POSTING, "org_id": platform.tree.street}
    refused = await coordinator.submit(page, page, {**form, "title": "", "positions": "三个"})
    assert refused.status_code == 422
    alert(refused.text, "title")
    alert(refused.text, "positions")
    assert 'value="金陵电梯安装有限公司"' in refused.text  # what was typed is kept
    assert 'value="三个"' in refused.text
    published = await coordinator.submit(page, page, form)
    assert published.status_code == 303, published.text
    listing = (await coordinator.page(page)).text
    assert "已发布招聘信息：金陵电梯安装有限公司 电梯安装工，招 3 人" in listing
    postings = await platform.dev.get(f"{platform.training}/api/v1/postings")
    posting = next(p for p in postings.json()["items"] if p["title"] == "电梯安装工")
    assert (posting["positions"], posting["org_id"]) == (3, platform.tree.street)

    seeker = await platform.dev.post(f"{platform.training}/api/v1/seekers", json={
        "org_id": platform.tree.street, "person": {"name": "蒋求职", "id_number": person(41)},
        "status": "laid_off", "wanted_occupation": "电梯安装"})  # fmt: skip
    assert seeker.status_code == 201, seeker.text
    employment = "/training/employment"
    placed = await coordinator.submit(f"{employment}/placements", employment, {
        "seeker_id": seeker.json()["id"], "employer_name": "金陵电梯安装有限公司",
        "placed_on": today_in_china().isoformat(), "channel": "posting",
        "posting_id": posting["id"]})  # fmt: skip
    assert placed.status_code == 303, placed.text
    placements = await platform.dev.get(f"{platform.training}/api/v1/placements")
    through = [p for p in placements.json()["items"] if p["seeker_id"] == seeker.json()["id"]]
    assert [(p["channel"], p["posting_id"]) for p in through] == [("posting", posting["id"])]
    row = re.search(r"<td data-label=\"岗位名称\">电梯安装工</td>.*?</tr>",
                    (await coordinator.page(page)).text, re.S)  # fmt: skip
    assert row, "the posting is listed"
    assert '<td data-label="经此就业">1 人</td>' in row.group(0)

    cadre = await account(platform, "cadre.post", "union_cadre", platform.tree.street)
    read = (await cadre.page(page)).text
    assert "电梯安装工" in read
    assert 'action="/training/postings"' not in read
    assert (await cadre.submit(page, page, form)).status_code == 403
    officer = await account(platform, "officer.post", "assistance_officer", platform.tree.street)
    assert (await officer.page(page)).status_code == 403
    for user in (coordinator, cadre, officer):
        await user.close()
