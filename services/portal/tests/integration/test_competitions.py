"""技能竞赛 through the workbench: a coordinator announces a competition (no trade refused beside
the trades box, the rest kept), enters a worker in a trade (an unknown ID number refused beside
its field) and records the result (a rank of 0 refused)."""

from __future__ import annotations

import re

from shared.identifiers import today_in_china

from .classes import training_ready
from .conftest import Platform, account, person

PAGE = "/training/competitions"


def _alert(text: str, field: str) -> str:
    found = re.search(rf'id="{re.escape(field)}-error" role="alert">(.*?)</p>', text)
    assert found, f"no error beside {field}"
    return found.group(1)


async def test_a_competition_is_announced_entered_and_scored(platform: Platform) -> None:
    await training_ready(platform)
    coordinator = await account(
        platform, "coord.shen", "training_coordinator", platform.tree.street
    )
    form = {"org_id": platform.tree.street, "title": "新街口职工技能大赛",
            "held_on": today_in_china().isoformat(), "trades": ""}  # fmt: skip
    refused = await coordinator.submit(PAGE, PAGE, form)
    assert refused.status_code == 422
    _alert(refused.text, "trades")
    assert 'value="新街口职工技能大赛"' in refused.text
    made = await coordinator.submit(PAGE, PAGE,
                                    {**form, "trades": "电工：低压配电、故障排查\n焊工"})  # fmt: skip
    assert made.status_code == 303, made.text
    page = made.headers["location"]
    stored = (await platform.dev.get(f"{platform.training}/api/v1/competitions")).json()["items"]
    assert stored[0]["trades"] == [{"name": "电工", "items": ["低压配电", "故障排查"]},
                                   {"name": "焊工", "items": []}]  # fmt: skip
    assert "新街口职工技能大赛" in (await coordinator.page(PAGE)).text

    entry = {"trade": "电工", "person.name": "蒋选手", "person.id_number": "320102199001011235"}
    wrong = await coordinator.submit(f"{page}/entries", page, entry)
    assert wrong.status_code == 422
    _alert(wrong.text, "person.id_number")
    assert 'value="蒋选手"' in wrong.text
    entered = await coordinator.submit(f"{page}/entries", page,
                                       {**entry, "person.id_number": person(51)})  # fmt: skip
    assert entered.status_code == 303, entered.text
    detail = (await coordinator.page(page)).text
    assert "蒋选手" in detail  # revealed to the coordinator
    action = re.search(r'action="([^"]+/result)"', detail)
    assert action, "an entrant without a result offers 记录成绩"

    zero = await coordinator.submit(action.group(1), page, {"score": "92.5", "rank": "0"})
    assert zero.status_code == 422
    _alert(zero.text, "rank")
    assert 'value="92.5"' in zero.text
    scored = await coordinator.submit(action.group(1), page, {"score": "92.5", "rank": "1"})
    assert scored.status_code == 303, scored.text
    assert "92.5 分，第 1 名" in (await coordinator.page(page)).text
    await coordinator.close()

    cadre = await account(platform, "cadre.shen", "union_cadre", platform.tree.street)
    read = (await cadre.page(page)).text
    assert "第 1 名" in read
    assert "蒋选手" not in read  # cadres read with names masked
    assert "报名参赛" not in read
    await cadre.close()
