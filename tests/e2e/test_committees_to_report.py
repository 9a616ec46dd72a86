"""Committees elected and contracts signed on membership show in reporting's breakdowns, read as
of two dates: organisations existing on each date, committees in office, contracts by party."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from shared.identifiers import make_uscc

from .conftest import Platform

PATIENCE_SECONDS = 30.0  # an upper bound on a loaded machine; the poll returns as soon as applied
END_2022, END_2024 = "2022-12-31", "2024-12-31"


async def created(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> str:
    response = await client.post(path, json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def found(
    platform: Platform, kind: str, parent: str | None, founded_on: str, **extra: Any
) -> str:
    body = {"kind": kind, "name": f"{kind}-{founded_on}-{len(extra)}", "parent_id": parent,
            "founded_on": founded_on, **extra}  # fmt: skip
    return await created(platform.membership, "/api/v1/organisations", body)


async def employer(platform: Platform, territory: str, seq: int) -> str:
    census = {"workers": 100, "women": 40, "migrant_workers": 10, "effective_on": "2020-01-01"}
    body = {"uscc": make_uscc(f"91320100MA{seq:07d}"), "name": f"单位{seq}", "ownership": "private",
            "industry": "制造业", "territory_org_id": territory, "census": census}  # fmt: skip
    return await created(platform.membership, "/api/v1/employers", body)


async def elect(
    platform: Platform, org: str, term: tuple[str, str], members: list[tuple[str, str | None]]
) -> None:
    body = {
        "elected_on": term[0], "term_start": term[0], "term_end": term[1],
        "members": [{"name": f"委员{i}", "role": role, "sex": sex}
                    for i, (role, sex) in enumerate(members)],
    }  # fmt: skip
    await created(platform.membership, f"/api/v1/organisations/{org}/committees", body)


async def sign(
    platform: Platform, union: str, party: str, employers: list[str], workers: int,
    term: tuple[str, str],
) -> str:  # fmt: skip
    body = {"kind": "comprehensive", "union_id": union, "signing_party": party,
            "employer_ids": employers, "workers_covered": workers, "signed_on": term[0],
            "starts_on": term[0], "ends_on": term[1]}  # fmt: skip
    return await created(platform.membership, "/api/v1/contracts", body)


async def plant(platform: Platform) -> str:
    """A city whose unions, committees and contracts change between the end of 2022 and 2024."""
    m = platform.membership
    city = await found(platform, "city_federation", None, "2010-01-01")
    district = await found(platform, "district_federation", city, "2010-01-01")
    street = await found(platform, "street_federation", district, "2012-01-01")
    community = await found(platform, "community_federation", street, "2015-01-01")
    await found(platform, "village_federation", street, "2016-01-01")
    industry = await found(platform, "industry_federation", district, "2015-01-01")
    union_a = await found(platform, "grassroots_union", community, "2016-01-01",
                          grassroots_mode="single")  # fmt: skip
    union_b = await found(platform, "grassroots_union", community, "2018-01-01",
                          grassroots_mode="joint")  # fmt: skip
    await found(platform, "grassroots_union", street, "2024-06-01", grassroots_mode="single")
    union_d = await found(platform, "grassroots_union", street, "2017-01-01",
                          grassroots_mode="single")  # fmt: skip
    emp_a, emp_b = await employer(platform, community, 1), await employer(platform, community, 2)
    emp_c = await employer(platform, industry, 3)

    # The current committee of union A first, then its predecessor entered as the past.
    await elect(platform, union_a, ("2023-03-01", "2028-02-29"),
                [("chair", "male"), ("vice_chair", "female"), ("member", None)])  # fmt: skip
    await elect(platform, union_a, ("2018-03-01", "2023-03-01"),
                [("chair", "female"), ("vice_chair", "male"), ("member", "male"),
                 ("audit", "female"), ("women", "female")])  # fmt: skip
    await elect(platform, union_d, ("2020-01-01", "2025-01-01"),
                [("chair", None), ("vice_chair", None), ("member", None)])  # fmt: skip
    # Union B re-elects early: its 2024 committee ends the 2020 one before its term is over.
    await elect(platform, union_b, ("2020-01-01", "2024-12-31"),
                [("chair", "female"), ("vice_chair", None), ("member", None)])  # fmt: skip
    await elect(platform, union_b, ("2024-01-01", "2029-01-01"),
                [("chair", "male"), ("member", "male"), ("member", "male"), ("women", "female")])  # fmt: skip
    dissolved = await m.post(f"/api/v1/organisations/{union_d}/dissolve",
                             json={"dissolved_on": "2023-06-30"})  # fmt: skip
    assert dissolved.status_code == 200, dissolved.text

    await sign(platform, union_a, "own_union", [emp_a], 100, ("2022-03-01", "2025-02-28"))
    await sign(platform, community, "regional_union", [emp_a, emp_b], 300,
               ("2024-02-01", "2027-01-31"))  # fmt: skip
    await sign(platform, industry, "industry_union", [emp_c], 50, ("2021-06-01", "2024-05-31"))
    ended = await sign(platform, union_b, "own_union", [emp_b], 80, ("2022-05-01", "2025-04-30"))
    terminated = await m.post(f"/api/v1/contracts/{ended}/terminate",
                              json={"terminated_on": "2024-06-30"})  # fmt: skip
    assert terminated.status_code == 200, terminated.text
    return city


async def breakdowns(platform: Platform, city: str, period: str) -> dict[str, Any] | None:
    """The city's breakdowns for the period, or None while reporting does not know the city."""
    response = await platform.reporting.get(
        "/api/v1/statistics/breakdowns", params={"org_id": city, "period": period}
    )
    assert response.status_code in (200, 404), response.text
    return response.json() if response.status_code == 200 else None


async def story_applied(platform: Platform, city: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The city's 2022 and 2024 breakdowns, polled until reporting has applied the whole story.

    The last events published are union B's contract signed, then terminated: signed shows as a
    second own-union contract in force in 2022, terminated as only one left in force in 2024.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE_SECONDS
    while True:
        early = await breakdowns(platform, city, "2022")
        late = await breakdowns(platform, city, "2024")
        if (early and late and early["contracts_in_force"]["own_union"]["contracts"] == 2
                and late["contracts_in_force"]["own_union"]["contracts"] == 1
                and late["contracts_in_force"]["regional_union"]["contracts"] == 1):  # fmt: skip
            return early, late
        if loop.time() > deadline:
            pytest.fail(f"reporting did not apply the story within {PATIENCE_SECONDS:g} s")
        await asyncio.sleep(0.05)


def party(contracts: int, employers: int, workers: int) -> dict[str, int]:
    return {"contracts": contracts, "employers_covered": employers, "workers_covered": workers}


@pytest.mark.integration
async def test_committees_contracts_and_organisations_as_of_two_dates(platform: Platform) -> None:
    city = await plant(platform)

    early, late = await story_applied(platform, city)

    assert (early["stock_date"], late["stock_date"]) == (END_2022, END_2024)
    # Union D (dissolved mid-2023) exists in 2022 only, union C (founded mid-2024) in 2024 only.
    for figures in (early, late):
        assert figures["organisations"]["total"] == 9  # with the city, district and street
        assert figures["organisations"]["grassroots_by_mode"] == {"single": 2, "joint": 1}
        assert figures["organisations"]["by_kind"]["village_federation"] == 1
        assert figures["organisations"]["by_kind"]["industry_federation"] == 1
    assert early["committees"] == {
        "committees": 3, "members": 11,
        "by_role": {"chair": 3, "vice_chair": 3, "member": 3, "audit": 1, "women": 1},
        "women": 4, "sex_recorded": 6, "full_time": 0,
    }  # fmt: skip
    assert late["committees"] == {
        "committees": 2, "members": 7,
        "by_role": {"chair": 2, "vice_chair": 1, "member": 3, "audit": 0, "women": 1},
        "women": 2, "sex_recorded": 6, "full_time": 0,
    }  # fmt: skip
    assert early["contracts_in_force"] == {
        "own_union": party(2, 2, 180), "regional_union": party(0, 0, 0),
        "industry_union": party(1, 1, 50),
    }  # fmt: skip
    assert early["contracts_signed"]["own_union"] == party(2, 2, 180)
    assert early["contracts_signed"]["industry_union"] == party(0, 0, 0)  # signed in 2021
    assert late["contracts_in_force"] == {
        "own_union": party(1, 1, 100), "regional_union": party(1, 2, 300),
        "industry_union": party(0, 0, 0),
    }  # fmt: skip
    assert late["contracts_signed"] == {
        "own_union": party(0, 0, 0), "regional_union": party(1, 2, 300),
        "industry_union": party(0, 0, 0),
    }  # fmt: skip
