"""Skills competitions: trades and items, entrants (each once per trade), results and ranks."""

from __future__ import annotations

import pytest

from services.training.tests.integration.bodies import person
from services.training.tests.integration.conftest import Api, Tree
from services.training.tests.integration.test_employment import last_event

pytestmark = pytest.mark.integration


async def test_entrants_ranked_by_trade(api: Api, tree: Tree) -> None:
    headers = tree.coordinator(api)
    body = {"org_id": tree.union_a, "title": "2026年职工职业技能大赛", "held_on": "2026-10-18",
            "trades": [{"name": "电工", "items": ["理论", "实操"]}, {"name": "焊工", "items": []}]}  # fmt: skip
    competition = (await api.post("/api/v1/competitions", body, headers=headers, expect=201)).json()
    path = f"/api/v1/competitions/{competition['id']}/entries"
    entries = [
        (await api.post(path, {"trade": "电工", "person": person(n)}, headers=headers,
                        expect=201)).json()
        for n in range(3)
    ]  # fmt: skip
    twice = await api.post(path, {"trade": "电工", "person": person(0)}, headers=headers)
    assert twice.status_code == 409, twice.text
    unknown = await api.post(path, {"trade": "钳工", "person": person(9)}, headers=headers)
    assert unknown.status_code == 422, unknown.text
    for rank, entry in enumerate(reversed(entries), start=1):
        await api.post(f"/api/v1/competitions/entries/{entry['id']}/result",
                       {"score": 100 - rank, "rank": rank}, headers=headers, expect=200)  # fmt: skip
    listed = (await api.get(path, trade="电工", expect=200)).json()["items"]
    assert [e["id"] for e in listed] == [e["id"] for e in reversed(entries)]
    assert listed[0]["person"]["name"] != person(2)["name"]
    placed = await last_event(api, "training.competition.placed")
    assert (placed["entry_id"], placed["rank"]) == (entries[0]["id"], 3)
