"""Committee elections through the API: stored with names, published as counts, read as of a date;
contracts signed by a regional union."""

from __future__ import annotations

from typing import Any

from .conftest import Api, Tree
from .probes import assert_problem, count, outbox_events

ELECTED = "membership.union.committee_elected.v1"
NAMES = ("欧阳主席", "皇甫副主席", "慕容委员", "公孙审查")


def committee(**overrides: Any) -> dict[str, Any]:
    roles = ("chair", "vice_chair", "member", "audit")
    sexes = ("female", "male", None, "female")
    body: dict[str, Any] = {
        "elected_on": "2021-03-01",
        "term_start": "2021-03-01",
        "term_end": "2026-03-01",
        "members": [
            {"name": name, "role": role, "sex": sex, "full_time": role == "chair"}
            for name, role, sex in zip(NAMES, roles, sexes, strict=True)
        ],
    }
    return {**body, **overrides}


async def test_an_elected_committee_is_read_back_as_of_a_date_and_published_without_names(
    api: Api, tree: Tree, database_url: str
) -> None:
    path = f"/api/v1/organisations/{tree.union_a}/committees"
    headers = {**api.token(), "Idempotency-Key": "elect-a-2021"}

    first = await api.post(path, committee(), headers=headers, expect=201)
    replay = await api.post(path, committee(), headers=headers, expect=201)

    assert replay.content == first.content
    assert await count(database_url, "committees") == 1
    elected = first.json()
    assert (elected["size"], elected["members"][0]["name"]) == (4, "欧阳主席")
    in_office = await api.client.get(path, params={"as_of": "2026-03-01"}, headers=api.token())
    assert in_office.status_code == 200, in_office.text
    assert in_office.json() == elected
    before = await api.client.get(path, params={"as_of": "2021-02-28"}, headers=api.token())
    assert_problem(before, 404)
    after = await api.client.get(path, params={"as_of": "2026-03-02"}, headers=api.token())
    assert_problem(after, 404)
    (event,) = await outbox_events(database_url, ELECTED)
    assert event.data["by_role"] == {
        "chair": 1, "vice_chair": 1, "member": 1, "audit": 1, "women": 0
    }  # fmt: skip
    assert (event.data["size"], event.data["women"], event.data["sex_recorded"]) == (4, 2, 3)
    assert not any(name in event.model_dump_json() for name in NAMES)


async def test_an_early_reelection_takes_over_from_its_first_day(api: Api, tree: Tree) -> None:
    path = f"/api/v1/organisations/{tree.union_a}/committees"
    first = (await api.post(path, committee(), expect=201)).json()
    early = committee(elected_on="2024-01-10", term_start="2024-01-10", term_end="2029-01-09")
    early["members"][0]["name"] = "令狐主席"
    second = (await api.post(path, early, expect=201)).json()

    async def in_office(day: str) -> str:
        found = await api.client.get(path, params={"as_of": day}, headers=api.token())
        assert found.status_code == 200, found.text
        return str(found.json()["id"])

    assert await in_office("2024-01-09") == first["id"]
    assert await in_office("2024-01-10") == second["id"]
    assert await in_office("2026-01-01") == second["id"]  # the first term, cut short
    organisation = await api.client.get(
        f"/api/v1/organisations/{tree.union_a}", headers=api.token()
    )
    assert organisation.json()["term_start"] == "2024-01-10"
    history = await api.client.get(f"{path}/history", headers=api.token())
    assert history.status_code == 200, history.text
    assert [(c["id"], c["size"]) for c in history.json()["items"]] == [
        (second["id"], 4), (first["id"], 4)
    ]  # fmt: skip


async def test_a_bad_committee_is_refused_with_the_field_and_writes_nothing(
    api: Api, tree: Tree, database_url: str
) -> None:
    path = f"/api/v1/organisations/{tree.union_a}/committees"
    two_chairs = committee()
    two_chairs["members"][1]["role"] = "chair"
    future = committee(elected_on="2098-01-01", term_start="2098-01-01", term_end="2099-01-01")

    assert_problem(await api.post(path, two_chairs), 422, field="members")
    assert_problem(await api.post(path, committee(members=[])), 422, field="members")
    assert_problem(await api.post(path, future), 422, field="elected_on")
    bad_role = committee()
    bad_role["members"][0]["role"] = "secretary"
    assert_problem(await api.post(path, bad_role), 422)
    assert await count(database_url, "committees") == 0


async def test_a_committee_out_of_the_callers_subtree_is_neither_elected_nor_read(
    api: Api, tree: Tree, database_url: str
) -> None:
    path = f"/api/v1/organisations/{tree.union_a}/committees"
    await api.post(path, committee(), expect=201)
    cadre_b = api.token("union_cadre", tree.community_b)

    refused = await api.post(path, committee(elected_on="2016-03-01", term_start="2016-03-01",
                                             term_end="2021-03-01"), headers=cadre_b)  # fmt: skip
    read = await api.client.get(path, params={"as_of": "2022-01-01"}, headers=cadre_b)

    assert refused.status_code in (403, 404), refused.text
    assert_problem(read, 404)
    assert_problem(await api.client.get(f"{path}/history", headers=cadre_b), 404)
    assert await count(database_url, "committees") == 1


async def test_a_contract_records_its_signing_party_and_refuses_an_unknown_one(
    api: Api, tree: Tree, database_url: str
) -> None:
    body = {
        "kind": "comprehensive", "union_id": tree.community_a, "employer_ids": [tree.employer_a],
        "workers_covered": 100, "signed_on": "2024-01-10", "starts_on": "2024-02-01",
        "ends_on": "2027-01-31",
    }  # fmt: skip
    regional = await api.post(
        "/api/v1/contracts", {**body, "signing_party": "regional_union"}, expect=201
    )
    own = await api.post("/api/v1/contracts", body, expect=201)

    assert regional.json()["signing_party"] == "regional_union"
    assert own.json()["signing_party"] == "own_union"
    bad = await api.post("/api/v1/contracts", {**body, "signing_party": "employer"})
    assert_problem(bad, 422, field="signing_party")
    signed = await outbox_events(database_url, "membership.contract.signed.v2")
    assert sorted(e.data["signing_party"] for e in signed) == ["own_union", "regional_union"]
