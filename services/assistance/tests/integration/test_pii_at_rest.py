"""Hardship data at rest: names, ID numbers, phones, addresses, notes and donors' names are
never in clear in any column of any schema — stored responses of idempotent commands included."""

from __future__ import annotations

import pytest
from shared.identifiers import today_in_china
from shared.testing.pii_scan import find_in_clear

from .bodies import household_body
from .conftest import Api, Tree

pytestmark = pytest.mark.integration


def keyed(api: Api, key: str, headers: dict[str, str] | None = None) -> dict[str, str]:
    return {**(headers or api.token()), "Idempotency-Key": key}


async def test_no_hardship_data_lies_in_clear_anywhere(
    api: Api, tree: Tree, database_url: str
) -> None:
    officer = tree.officer(api)
    body = household_body(41, org_id=tree.union_a)
    opened = await api.post(
        "/api/v1/households", body, headers=keyed(api, "h-41", officer), expect=201
    )
    note, donor = "住院慰问：肝癌晚期，家中困难", "捐款人秘密名"
    visit = {"occasion": "hospital", "visited_on": str(today_in_china()), "note": note,
             "household_id": opened.json()["id"]}  # fmt: skip
    await api.post("/api/v1/visits", visit, headers=keyed(api, "v-41", officer), expect=201)
    campaign = {"org_id": tree.street, "name": "公开的募捐活动", "opens_on": str(today_in_china())}
    opened_campaign = (await api.post("/api/v1/donation-campaigns", campaign, expect=201)).json()
    receipt = {"amount_fen": 10_000, "donor_kind": "individual", "donor_name": donor,
               "received_on": str(today_in_china())}  # fmt: skip
    receipts = f"/api/v1/donation-campaigns/{opened_campaign['id']}/receipts"
    await api.post(receipts, receipt, headers=keyed(api, "r-41"), expect=201)
    head, spouse = body["head"], body["family"][0]

    found = await find_in_clear(
        database_url,
        [head["name"], head["id_number"], head["phone"], head["address"], spouse["name"],
         spouse["id_number"], note, donor],
    )  # fmt: skip

    assert [(f.place, f.value) for f in found] == []
