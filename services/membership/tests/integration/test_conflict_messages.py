"""A second admission of the same person: 409 saying whether the membership is active or retained."""

from __future__ import annotations

from .conftest import Api, Tree, admit_body
from .probes import assert_problem

MEMBERS = "/api/v1/members"


async def test_the_409_says_which_membership_the_person_holds(api: Api, tree: Tree) -> None:
    first = await api.post(MEMBERS, admit_body(tree, 5), expect=201)
    elsewhere = admit_body(tree, 5, union=tree.union_b, employer=tree.employer_b)

    active = assert_problem(await api.post(MEMBERS, elsewhere), 409, field="id_number")
    retain = {"reason": "retired", "effective_on": "2024-06-01"}
    await api.post(f"{MEMBERS}/{first.json()['id']}/retain", retain, expect=200)
    retained = assert_problem(await api.post(MEMBERS, elsewhere), 409, field="id_number")

    assert active["detail"].startswith("该人员已是在册会员")
    assert "保留会籍" not in active["detail"]
    assert retained["detail"].startswith("该人员保留会籍中，可恢复会籍")
    for body in (active, retained):
        assert body["type"] == "urn:unionhub:problem:membership.already_a_member"
