"""走访慰问: dated visits to a household or a member, in scope, published without the note."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from shared.identifiers import today_in_china

from .bodies import household_body
from .conftest import Api, Tree, admit
from .probes import assert_problem, count, published

pytestmark = pytest.mark.integration
VISITS = "/api/v1/visits"


def visit(**fields: Any) -> dict[str, Any]:
    return {
        "occasion": "festival",
        "visited_on": str(today_in_china() - timedelta(days=3)),
        **fields,
    }


async def test_visits_to_a_household_and_to_a_member(api: Api, tree: Tree, nats_url: str) -> None:
    officer = tree.officer(api)
    member = await admit(api, tree.union_a, tree.employer_a)
    hid = (
        await api.post(
            "/api/v1/households",
            household_body(1, org_id=tree.union_a),
            headers=officer,
            expect=201,
        )
    ).json()["id"]
    to_household = await api.post(
        VISITS, visit(household_id=hid, note="春节慰问，送米面油"), headers=officer, expect=201
    )
    assert to_household.json()["org_id"] == tree.union_a
    assert to_household.json()["note"] == "春节慰问，送米面油"
    to_member = (
        await api.post(
            VISITS,
            visit(member_id=member, occasion="university_entry"),
            headers=officer,
            expect=201,
        )
    ).json()
    assert (to_member["org_id"], to_member["employer_id"]) == (tree.union_a, tree.employer_a)
    listed = (await api.get(VISITS, headers=officer, expect=200)).json()
    assert listed["total"] == 2
    auditor = (await api.get(VISITS, headers=api.token("auditor", tree.street), expect=200)).json()
    assert {item["note"] for item in auditor["items"]} == {None}
    assert (await api.get(VISITS, headers=tree.officer(api, tree.community_b), expect=200)).json()[
        "total"
    ] == 0
    await api.relay()
    events = await published(nats_url, "assistance.visit.recorded")
    assert sorted(e.data["occasion"] for e in events) == ["festival", "university_entry"]
    assert all("note" not in e.data for e in events)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (visit(occasion="birthday", member_id="00000000-0000-4000-8000-000000000000"), "occasion"),
        (visit(), "household_id"),
        (visit(member_id="00000000-0000-4000-8000-000000000000"), "member_id"),
        (
            visit(
                member_id=None,
                visited_on=str(today_in_china() + timedelta(days=1)),
                household_id=None,
            ),
            "household_id",
        ),
    ],
)
async def test_bad_visits_are_refused_and_write_nothing(
    api: Api, tree: Tree, database_url: str, body: dict[str, Any], field: str
) -> None:
    assert_problem(await api.post(VISITS, body, headers=tree.officer(api)), 422, field=field)
    assert await count(database_url, "visits") == 0


async def test_a_future_visit_is_refused(api: Api, tree: Tree) -> None:
    member = await admit(api, tree.union_a, tree.employer_a)
    future = visit(member_id=member, visited_on=str(today_in_china() + timedelta(days=1)))
    assert_problem(
        await api.post(VISITS, future, headers=tree.officer(api)), 422, field="visited_on"
    )
    elsewhere = await admit(api, tree.union_b, tree.employer_b)
    assert_problem(
        await api.post(VISITS, visit(member_id=elsewhere), headers=tree.officer(api)),
        403,
        field="member_id",
    )
    assert_problem(
        await api.post(
            VISITS, visit(member_id=member), headers=api.token("union_cadre", tree.city)
        ),
        403,
    )
