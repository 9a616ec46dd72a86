"""Employers and contracts through their lives: census, coverage, dissolution, contracts."""

from __future__ import annotations

from typing import Any

import httpx

from .conftest import Api, Tree, admit_body
from .probes import assert_problem, outbox_events, table_counts

MEMBERS = "/api/v1/members"
EMPLOYERS = "/api/v1/employers"
CONTRACTS = "/api/v1/contracts"


async def put(api: Api, path: str, body: dict[str, Any]) -> httpx.Response:
    return await api.client.put(path, json=body, headers=api.token())


async def listed(
    api: Api, path: str, headers: dict[str, str] | None = None, **params: str
) -> list[str]:
    response = await api.client.get(path, params=params, headers=headers or api.token())
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def test_a_census_replaces_the_headcount_unless_inconsistent_or_older(
    api: Api, tree: Tree, database_url: str
) -> None:
    census = f"{EMPLOYERS}/{tree.employer_a}/census"
    figures = {"workers": 250, "women": 120, "migrant_workers": 80, "effective_on": "2024-06-01"}

    updated = await put(api, census, figures)

    assert updated.status_code == 200, updated.text
    employer = updated.json()
    assert (employer["workers"], employer["women"], employer["migrant_workers"]) == (250, 120, 80)
    assert employer["census_on"] == "2024-06-01"
    before = await table_counts(database_url)
    assert_problem(await put(api, census, {**figures, "women": 251}), 422, field="women")
    older = {**figures, "effective_on": "2024-05-01"}
    assert_problem(await put(api, census, older), 422, field="effective_on")
    assert await table_counts(database_url) == before
    (event,) = [
        e
        for e in await outbox_events(database_url, "membership.employer.census_updated.v2")
        if e.data["occurred_on"] == "2024-06-01"
    ]
    assert event.data["workers"] == 250


async def test_coverage_by_a_grassroots_union_is_set_listed_and_cleared(
    api: Api, tree: Tree, database_url: str
) -> None:
    coverage = f"{EMPLOYERS}/{tree.employer_b}/coverage"

    covered = await put(api, coverage, {"union_id": tree.union_b, "effective_on": "2024-06-01"})

    assert covered.status_code == 200, covered.text
    assert (covered.json()["covered_by_union_id"], covered.json()["coverage_mode"]) == (
        tree.union_b,
        "joint",
    )
    assert await listed(api, EMPLOYERS, covered="true") == [tree.employer_b]
    assert await listed(api, EMPLOYERS, covered="false") == [tree.employer_a]
    by_federation = {"union_id": tree.community_b, "effective_on": "2024-07-01"}
    assert_problem(await put(api, coverage, by_federation), 422, field="union_id")

    cleared = await put(api, coverage, {"union_id": None, "effective_on": "2024-07-01"})

    assert (cleared.json()["covered_by_union_id"], cleared.json()["coverage_mode"]) == (None, None)
    changes = await outbox_events(database_url, "membership.employer.coverage_changed.v1")
    assert [e.data["covered_by_union_id"] for e in changes] == [tree.union_b, None]


async def test_a_union_dissolves_once_empty_then_admits_nobody_and_covers_nothing(
    api: Api, tree: Tree
) -> None:
    await put(
        api,
        f"{EMPLOYERS}/{tree.employer_a}/coverage",
        {"union_id": tree.union_a, "effective_on": "2024-01-01"},
    )
    member = (await api.post(MEMBERS, admit_body(tree, 7), expect=201)).json()["id"]
    dissolve = f"/api/v1/organisations/{tree.union_a}/dissolve"
    occupied = await api.post(dissolve, {"dissolved_on": "2024-06-01"})
    assert_problem(occupied, 422, field="org_id")

    await api.post(
        f"{MEMBERS}/{member}/leave",
        {"reason": "voluntary", "effective_on": "2024-05-01"},
        expect=200,
    )
    dissolved = await api.post(dissolve, {"dissolved_on": "2024-06-01"}, expect=200)

    assert (dissolved.json()["status"], dissolved.json()["dissolved_on"]) == (
        "dissolved",
        "2024-06-01",
    )
    employer = (await api.client.get(f"{EMPLOYERS}/{tree.employer_a}", headers=api.token())).json()
    assert employer["covered_by_union_id"] is None
    assert_problem(await api.post(MEMBERS, admit_body(tree, 8)), 422, field="union_id")
    other = (
        await api.post(
            MEMBERS, admit_body(tree, 9, union=tree.union_b, employer=tree.employer_b), expect=201
        )
    ).json()
    into_dissolved = await api.post(
        f"{MEMBERS}/{other['id']}/transfer",
        {"to_union_id": tree.union_a, "effective_on": "2024-07-01", "reason": "job_change"},
    )
    assert_problem(into_dissolved, 422, field="to_union_id")


def contract(union: str, employers: list[str], **changes: Any) -> dict[str, Any]:
    return {
        "kind": "comprehensive",
        "union_id": union,
        "employer_ids": employers,
        "workers_covered": 100,
        "signed_on": "2024-01-10",
        "starts_on": "2024-02-01",
        "ends_on": "2027-01-31",
        **changes,
    }


async def test_contracts_are_signed_listed_in_scope_and_terminated(
    api: Api, tree: Tree, database_url: str
) -> None:
    signed_a = await api.post(CONTRACTS, contract(tree.union_a, [tree.employer_a]), expect=201)
    regional = contract(tree.street, [tree.employer_a, tree.employer_b], kind="wage")
    signed_street = await api.post(CONTRACTS, regional, expect=201)
    a_id, street_id = signed_a.json()["id"], signed_street.json()["id"]

    assert signed_a.headers["Location"] == f"{CONTRACTS}/{a_id}"
    assert sorted(signed_street.json()["employer_ids"]) == sorted(
        [tree.employer_a, tree.employer_b]
    )
    assert sorted(await listed(api, CONTRACTS)) == sorted([a_id, street_id])
    assert await listed(api, CONTRACTS, kind="wage") == [street_id]
    assert await listed(api, CONTRACTS, union_id=tree.union_a) == [a_id]
    cadre_b = api.token("union_cadre", tree.community_b)
    assert await listed(api, CONTRACTS, cadre_b) == []
    too_long = contract(tree.union_a, [tree.employer_a], ends_on="2027-02-02")
    before = await table_counts(database_url)
    assert_problem(await api.post(CONTRACTS, too_long), 422, field="ends_on")
    assert await table_counts(database_url) == before

    ended = await api.post(
        f"{CONTRACTS}/{a_id}/terminate", {"terminated_on": "2024-06-30"}, expect=200
    )

    assert (ended.json()["status"], ended.json()["terminated_on"]) == ("terminated", "2024-06-30")
    assert await listed(api, CONTRACTS, status="in_force") == [street_id]
    assert_problem(
        await api.post(f"{CONTRACTS}/{a_id}/terminate", {"terminated_on": "2024-07-01"}), 422
    )
