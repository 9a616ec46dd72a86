"""Bad input is refused with problem+json naming the field and writes nothing; one active file
per person holds under concurrent requests."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from .bodies import household_body, person
from .conftest import Api, Tree, admit
from .probes import assert_problem, count, table_counts

pytestmark = pytest.mark.integration
BASE = "/api/v1/households"


def _wrong_check_digit(number: str) -> str:
    return number[:-1] + ("1" if number[-1] != "1" else "2")


def _with_head(**head: Any) -> dict[str, Any]:
    body = household_body(1)
    body["head"].update(head)
    return body


BAD_BODIES: list[tuple[dict[str, Any], str]] = [
    (_with_head(id_number=_wrong_check_digit(person(1))), "head.id_number"),
    (_with_head(id_number="3201021980"), "head.id_number"),
    (_with_head(phone="12345"), "head.phone"),
    (household_body(1, level="poor"), "level"),
    (household_body(1, causes=["bad_luck"]), "causes[0]"),
    (household_body(1, causes=[]), "causes"),
    (household_body(1, monthly_income_per_capita_fen=-100), "monthly_income_per_capita_fen"),
    (household_body(1, monthly_income_per_capita_fen=980.5), "monthly_income_per_capita_fen"),
    (household_body(1, monthly_income_per_capita_fen="98000"), "monthly_income_per_capita_fen"),
]


async def test_bad_input_names_the_field_and_writes_nothing(
    api: Api, tree: Tree, database_url: str
) -> None:
    before = await table_counts(database_url)
    for body, field in BAD_BODIES:
        response = await api.post(BASE, {**body, "org_id": tree.union_a}, headers=tree.officer(api))
        assert_problem(response, 422, field=field)
    without_org = await api.post(BASE, household_body(1), headers=tree.officer(api))
    assert_problem(without_org, 422, field="org_id")
    assert await table_counts(database_url) == before


async def test_an_inactive_or_unknown_member_cannot_head_a_file(api: Api, tree: Tree) -> None:
    unknown = household_body(2, member_id="00000000-0000-4000-8000-000000000000")
    assert_problem(
        await api.post(BASE, unknown, headers=tree.officer(api)), 422, field="head.member_id"
    )


async def test_five_concurrent_files_for_one_person_leave_exactly_one(
    api: Api, tree: Tree, database_url: str
) -> None:
    member = await admit(api, tree.union_a, tree.employer_a)
    officer = tree.officer(api)
    bodies = [household_body(3, member_id=member) for _ in range(5)]
    responses = await asyncio.gather(*(api.post(BASE, body, headers=officer) for body in bodies))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201, 409, 409, 409, 409], [r.text for r in responses]
    for refused in (r for r in responses if r.status_code == 409):
        assert_problem(refused, 409)
    assert await count(database_url, "households") == 1
    assert await count(database_url, "household_people", "open") == 2  # the head and the spouse


async def test_a_family_member_already_on_another_file_is_refused(api: Api, tree: Tree) -> None:
    officer = tree.officer(api)
    await api.post(BASE, household_body(4, org_id=tree.union_a), headers=officer, expect=201)
    clash = household_body(5, org_id=tree.union_a)
    clash["family"][0]["id_number"] = person(4)
    response = await api.post(BASE, clash, headers=officer)
    assert_problem(response, 409, field="family[0].id_number")
