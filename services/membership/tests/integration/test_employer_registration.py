"""Registering employers: 登记注册类型, a past registration day, corrections, unknown counts."""

from __future__ import annotations

from typing import Any

from shared.identifiers import make_uscc

from .conftest import Api, Tree
from .probes import assert_problem, outbox_events

EMPLOYERS = "/api/v1/employers"


def _body(tree: Tree, seq: int, **changes: Any) -> dict[str, Any]:
    return {
        "uscc": make_uscc(f"91320100MB{seq:07d}"),
        "name": f"登记测试单位{seq}",
        "registration_type": "159",
        "industry": "制造业",
        "territory_org_id": tree.community_a,
        **changes,
    }


async def test_an_employer_is_registered_as_of_a_past_day_by_whoever_entered_it(
    api: Api, tree: Tree, database_url: str
) -> None:
    census = {"workers": 60, "women": None, "effective_on": "2023-06-30"}
    body = _body(tree, 1, registered_on="2023-01-15", census=census)

    created = (await api.post(EMPLOYERS, body, expect=201)).json()

    assert created["registered_on"] == "2023-01-15"
    assert created["entered_by"] == "city_admin-tester"
    assert created["entered_at"] is not None
    assert (created["registration_type"], created["ownership_class"]) == (
        "159",
        "limited_liability",
    )
    assert created["registration_type_label"] == "其他有限责任公司"
    assert (created["workers"], created["women"], created["migrant_workers"]) == (60, None, None)
    (registered,) = [
        e
        for e in await outbox_events(database_url, "membership.employer.registered.v2")
        if e.data["employer_id"] == created["id"]
    ]
    assert registered.data["occurred_on"] == "2023-01-15"
    assert registered.data["name"] == "登记测试单位1"
    assert "entered_by" not in registered.data
    (census_event,) = [
        e
        for e in await outbox_events(database_url, "membership.employer.census_updated.v2")
        if e.data["employer_id"] == created["id"]
    ]
    assert (census_event.data["women"], census_event.data["migrant_workers"]) == (None, None)


async def test_bad_codes_and_dates_are_refused_naming_the_field(api: Api, tree: Tree) -> None:
    refusals = [
        (_body(tree, 2, registration_type="150"), "registration_type"),
        (_body(tree, 3, registration_type=None), "registration_type"),
        (_body(tree, 4, ownership="private"), "registration_type"),  # both given
        (_body(tree, 5, registered_on="2099-01-01"), "registered_on"),
        (_body(tree, 6, registered_on="2019-12-31"), "registered_on"),  # before the territory
    ]
    for body, field in refusals:
        assert_problem(await api.post(EMPLOYERS, body), 422, field=field)


async def test_the_former_ownership_code_is_mapped_and_a_joint_venture_can_be_corrected(
    api: Api, tree: Tree, database_url: str
) -> None:
    body = _body(tree, 7, ownership="joint_venture")
    del body["registration_type"]
    created = (await api.post(EMPLOYERS, body, expect=201)).json()
    assert created["registration_type"] == "joint_venture_unspecified"
    path = f"{EMPLOYERS}/{created['id']}/registration-type"

    fixed = await api.client.patch(path, json={"registration_type": "310"}, headers=api.token())

    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["registration_type"], fixed.json()["ownership_class"]) == (
        "310",
        "foreign",
    )
    listed = await api.client.get(
        EMPLOYERS, params={"ownership_class": "foreign"}, headers=api.token()
    )
    assert [item["id"] for item in listed.json()["items"]] == [created["id"]]
    bad = await api.client.patch(path, json={"registration_type": "311"}, headers=api.token())
    assert_problem(bad, 422, field="registration_type")
    (event,) = await outbox_events(database_url, "membership.employer.reclassified.v1")
    assert event.data["previous_registration_type"] == "joint_venture_unspecified"
    assert event.data["registration_type"] == "310"
