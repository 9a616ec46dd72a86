"""Hardship data at rest: names, ID numbers, phones, addresses, notes and donors' names are
never in clear in any column of any schema — stored responses of idempotent commands included."""

from __future__ import annotations

import pytest
from shared.identifiers import today_in_china
from shared.testing.pii_scan import find_in_clear

from .bodies import household_body
from .conftest import Api, Tree, admit

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


async def test_an_applications_reason_is_sealed_and_shown_to_officers_only(
    api: Api, tree: Tree, database_url: str
) -> None:
    member = await admit(api, tree.union_a, tree.employer_a)
    reason = "妻子尿毒症透析，家中无力承担"
    body = {"programme": "medical_aid", "member_id": member, "requested_fen": 50_000,
            "reason": f"  {reason}  "}  # fmt: skip
    officer = keyed(api, "a-42", tree.officer(api))
    created = (await api.post("/api/v1/applications", body, headers=officer, expect=201)).json()
    assert created["reason"] == reason
    path = f"/api/v1/applications/{created['id']}"
    assert (await api.get(path, headers=tree.officer(api), expect=200)).json()["reason"] == reason
    auditor = api.token("auditor", tree.street)
    assert (await api.get(path, headers=auditor, expect=200)).json()["reason"] is None
    assert await find_in_clear(database_url, [reason]) == []  # the outbox's events included
