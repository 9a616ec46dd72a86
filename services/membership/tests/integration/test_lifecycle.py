"""Members through their lives, and the tree changing under them, all through the API."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from .conftest import Api, Tree, admit_body, found
from .probes import TRANSFERRED, assert_problem, count, outbox_events, streamed, table_counts

MEMBERS = "/api/v1/members"
ORGANISATIONS = "/api/v1/organisations"


async def admitted(api: Api, tree: Tree, seq: int, **changes: Any) -> str:
    return str((await api.post(MEMBERS, admit_body(tree, seq, **changes), expect=201)).json()["id"])


async def act(api: Api, member_id: str, verb: str, **body: Any) -> httpx.Response:
    return await api.post(f"{MEMBERS}/{member_id}/{verb}", body)


async def get(api: Api, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return await api.client.get(path, headers=headers or api.token())


async def test_a_transfer_hands_the_member_over_with_a_record_and_an_event(
    api: Api, tree: Tree, nats_url: str
) -> None:
    member_id = await admitted(api, tree, 7)
    moved = await act(
        api,
        member_id,
        "transfer",
        to_union_id=tree.union_b,
        effective_on="2024-06-01",
        reason="job_change",
        new_employer_id=tree.employer_b,
        note="调入乙公司",
    )

    assert moved.status_code == 200, moved.text
    member = moved.json()
    assert (member["union_id"], member["employer_id"]) == (tree.union_b, tree.employer_b)
    assert member["union_since"] == "2024-06-01"
    records = (await get(api, f"{MEMBERS}/{member_id}/transfers")).json()
    assert [(r["from_union_id"], r["to_union_id"], r["reason"]) for r in records] == [
        (tree.union_a, tree.union_b, "job_change")
    ]
    assert records[0]["handled_by"] == "city_admin-tester"
    # The member's scope moved with them: the receiving community's cadre now holds the file.
    cadre_a = api.token("union_cadre", tree.community_a)
    cadre_b = api.token("union_cadre", tree.community_b)
    assert_problem(await get(api, f"{MEMBERS}/{member_id}", cadre_a), 404)
    assert (await get(api, f"{MEMBERS}/{member_id}/transfers", cadre_b)).json() == records

    (event,) = await streamed(nats_url, TRANSFERRED, at_least=1)
    data = event.event.data
    assert (data["member_id"], data["transfer_id"]) == (member_id, records[0]["id"])
    assert (data["from_union_id"], data["to_union_id"]) == (tree.union_a, tree.union_b)
    assert "调入乙公司" not in event.raw.decode()  # the cadres' note stays in the service


async def test_a_person_holds_one_current_membership(
    api: Api, tree: Tree, database_url: str
) -> None:
    number = admit_body(tree, 3)["id_number"]
    assert number.endswith("X")
    await admitted(api, tree, 3)
    # The same person written with a lower-case check character is still the same person.
    again = await api.post(
        MEMBERS,
        admit_body(tree, 3, union=tree.union_b, employer=tree.employer_b, id_number=number.lower()),
    )
    body = assert_problem(again, 409, field="id_number")
    assert body["type"] == "urn:unionhub:problem:membership.already_a_member"

    # Two unions admitting the same person at the same moment: the database decides.
    race = await asyncio.gather(
        api.post(MEMBERS, admit_body(tree, 8)),
        api.post(MEMBERS, admit_body(tree, 8, union=tree.union_b, employer=tree.employer_b)),
    )
    assert sorted(r.status_code for r in race) == [201, 409]
    assert_problem(next(r for r in race if r.status_code == 409), 409, field="id_number")
    assert await count(database_url, "members") == 2


async def test_leaving_ends_the_membership_and_a_new_one_may_begin(api: Api, tree: Tree) -> None:
    first = await admitted(api, tree, 7)
    left = await act(api, first, "leave", reason="voluntary", effective_on="2024-05-01")
    assert (left.json()["status"], left.json()["leaving_reason"]) == ("left", "voluntary")
    twice = await act(api, first, "leave", reason="voluntary", effective_on="2024-05-02")
    assert_problem(twice, 422, field="member_id")

    second = await admitted(
        api, tree, 7, union=tree.union_b, employer=tree.employer_b, joined_on="2024-06-01"
    )

    assert second != first
    number = admit_body(tree, 7)["id_number"]
    history = (
        await api.client.get(MEMBERS, params={"id_number": number}, headers=api.token())
    ).json()["items"]
    assert {(m["id"], m["status"]) for m in history} == {(first, "left"), (second, "active")}


async def test_a_retained_member_keeps_the_membership_until_reinstated(
    api: Api, tree: Tree, database_url: str
) -> None:
    member_id = await admitted(api, tree, 7)
    early = await act(api, member_id, "retain", reason="retired", effective_on="2024-02-01")
    assert_problem(early, 422, field="effective_on")  # before joining on 2024-03-01

    retained = (
        await act(api, member_id, "retain", reason="retired", effective_on="2024-04-01")
    ).json()
    assert (retained["status"], retained["retention_reason"]) == ("retained", "retired")
    elsewhere = await api.post(
        MEMBERS, admit_body(tree, 7, union=tree.union_b, employer=tree.employer_b)
    )
    assert_problem(elsewhere, 409, field="id_number")

    reinstated = (await act(api, member_id, "reinstate", effective_on="2024-05-01")).json()
    assert (reinstated["status"], reinstated["retention_reason"]) == ("active", None)
    assert reinstated["status_since"] == "2024-05-01"
    assert_problem(await act(api, member_id, "reinstate", effective_on="2024-05-02"), 422)
    for subject in ("membership.member.retained.v1", "membership.member.reinstated.v1"):
        assert [e.subject for e in await outbox_events(database_url, subject)] == [member_id]


async def test_moving_a_community_moves_its_members_to_the_new_streets_cadres(
    api: Api, tree: Tree
) -> None:
    other_street = await found(api, "street_federation", "珠江路街道总工会", tree.district)
    member_id = await admitted(api, tree, 7, union=tree.union_b, employer=tree.employer_b)
    old_cadre = api.token("union_cadre", tree.street)
    new_cadre = api.token("union_cadre", other_street)
    assert (await get(api, f"{MEMBERS}/{member_id}", old_cadre)).status_code == 200
    assert_problem(await get(api, f"{MEMBERS}/{member_id}", new_cadre), 404)

    moved = await api.post(
        f"{ORGANISATIONS}/{tree.community_b}/move",
        {"new_parent_id": other_street, "moved_on": "2024-06-01"},
        expect=200,
    )

    assert moved.json()["parent_id"] == other_street
    assert_problem(await get(api, f"{MEMBERS}/{member_id}", old_cadre), 404)
    assert (await get(api, MEMBERS, old_cadre)).json()["total"] == 0
    assert (await get(api, f"{MEMBERS}/{member_id}", new_cadre)).status_code == 200
    assert [m["id"] for m in (await get(api, MEMBERS, new_cadre)).json()["items"]] == [member_id]
    # The whole subtree moved: the union under the community and its employer too.
    union = await get(api, f"{ORGANISATIONS}/{tree.union_b}", new_cadre)
    assert union.status_code == 200
    assert union.json()["depth"] == 4
    assert (await get(api, f"/api/v1/employers/{tree.employer_b}", new_cadre)).status_code == 200
    assert_problem(await get(api, f"/api/v1/employers/{tree.employer_b}", old_cadre), 404)


async def test_an_organisation_cannot_move_under_its_own_descendant(
    api: Api, tree: Tree, database_url: str
) -> None:
    before = await table_counts(database_url)
    for org, descendant in ((tree.street, tree.community_a), (tree.community_a, tree.union_a)):
        refused = await api.post(
            f"{ORGANISATIONS}/{org}/move", {"new_parent_id": descendant, "moved_on": "2024-06-01"}
        )
        body = assert_problem(refused, 422, field="new_parent_id")
        assert body["type"] == "urn:unionhub:problem:membership.cycle_in_tree"
    assert await table_counts(database_url) == before
    street = (await get(api, f"{ORGANISATIONS}/{tree.street}")).json()
    assert (street["parent_id"], street["depth"]) == (tree.district, 2)
