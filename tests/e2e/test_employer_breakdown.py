"""Employers registered on membership, by class and size, as reporting breaks them down.

Four employers of different 登记注册类型 and sizes, one registered as of a past year and one
with the former ownership code 合资, read back from reporting's breakdown as of two dates:
a past year-end sees only the employer registered then, today sees all of them.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import pytest
from shared.identifiers import CHINA_TZ, make_uscc

from .conftest import Platform
from .test_admit_to_report import created, found

PATIENCE_SECONDS = 8.0
TODAY = datetime.now(CHINA_TZ).date()  # membership dates a default registration by China's day


async def register(platform: Platform, seq: int, territory: str, **fields: Any) -> str:
    body = {
        "uscc": make_uscc(f"91320100MC{seq:07d}"),
        "name": f"规模测试单位{seq}",
        "industry": "制造业",
        "territory_org_id": territory,
        **fields,
    }
    return await created(platform.membership, "/api/v1/employers", body)


def census(workers: int, women: int | None, migrants: int | None, on: str) -> dict[str, Any]:
    return {"workers": workers, "women": women, "migrant_workers": migrants, "effective_on": on}


async def plant(platform: Platform) -> tuple[str, str]:
    """A city with four employers; returns the city and the 合资 employer to correct."""
    city = await found(platform, "city_federation", "南京市总工会", None)
    district = await found(platform, "district_federation", "秦淮区总工会", city)
    street = await found(platform, "street_federation", "夫子庙街道总工会", district)
    community = await found(platform, "community_federation", "贡院社区工联会", street)
    union = await found(platform, "grassroots_union", "外资公司工会", community,
                        grassroots_mode="single")  # fmt: skip
    foreign = await register(platform, 1, community, registration_type="310",
                             registered_on="2023-03-01", census=census(600, 300, None, "2023-03-01"))  # fmt: skip
    await register(platform, 2, community, registration_type="173",
                   census=census(60, None, 10, TODAY.isoformat()))  # fmt: skip
    await register(platform, 3, community, registration_type="social_group",
                   registered_on="2024-05-01", census=census(10, 5, 0, "2024-05-01"))  # fmt: skip
    joint = await register(platform, 4, community, ownership="joint_venture",
                           registered_on="2025-01-01")  # fmt: skip
    covered = await platform.membership.put(
        f"/api/v1/employers/{foreign}/coverage",
        json={"union_id": union, "effective_on": "2023-06-01"},
    )
    assert covered.status_code == 200, covered.text
    return city, joint


async def breakdown(platform: Platform, city: str, **params: str) -> dict[str, Any]:
    response = await platform.reporting.get(
        "/api/v1/statistics/employers", params={"org_id": city, **params}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


APPLIED = (4, 1, 670)
"""Employers, covered employers and workers once every event planted has been applied."""


async def settled(platform: Platform, city: str) -> dict[str, Any]:
    """The breakdown as of today once reporting has applied the four employers, their censuses
    and the one coverage (events of different employers come in any order)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE_SECONDS
    while True:
        response = await platform.reporting.get(
            "/api/v1/statistics/employers",
            params={"org_id": city, "period": str(TODAY.year)},
        )
        assert response.status_code in (200, 404), response.text  # 404 until the city arrives
        total = response.json().get("total") if response.status_code == 200 else None
        if total and (total["employers"], total["covered_employers"], total["workers"]) == APPLIED:
            body: dict[str, Any] = response.json()
            return body
        if loop.time() > deadline:
            pytest.fail(f"reporting did not apply every employer in {PATIENCE_SECONDS:g} s")
        await asyncio.sleep(0.05)


def by_key(body: dict[str, Any]) -> dict[str, tuple[int, int, int, int]]:
    """Per non-empty group: employers, workers, covered employers, covered workers."""
    return {
        group["key"]: (group["employers"], group["workers"], group["covered_employers"],
                       group["covered_workers"])
        for group in body["groups"] if group["employers"]
    }  # fmt: skip


@pytest.mark.integration
async def test_employers_are_broken_down_by_class_and_size_as_of_two_dates(
    platform: Platform,
) -> None:
    city, joint = await plant(platform)

    now = await settled(platform, city)

    assert by_key(now) == {
        "foreign": (1, 600, 1, 600),
        "private": (1, 60, 0, 0),
        "social_organisation": (1, 10, 0, 0),
        "joint_venture_unspecified": (1, 0, 0, 0),
    }
    assert now["total"]["coverage_rate"] == "25.0"
    sizes = await breakdown(platform, city, period=str(TODAY.year), breakdown="size_band")
    assert by_key(sizes) == {
        "0": (1, 10, 0, 0), "2": (1, 60, 0, 0), "5": (1, 600, 1, 600), "unknown": (1, 0, 0, 0),
    }  # fmt: skip
    assert [g["label"] for g in sizes["groups"][:3]] == ["<25", "25–49", "50–99"]
    assert sizes["groups"][5]["label"] == "500–999"
    enterprises = await breakdown(platform, city, period=str(TODAY.year),
                                  employer_scope="enterprises")  # fmt: skip
    assert (enterprises["total"]["employers"], enterprises["total"]["coverage_rate"]) == (3, "33.3")
    assert enterprises["all_employers"]["employers"] == 4
    totals = now["total"]
    assert (totals["women_workers"], totals["women_unknown"]) == (305, 1)
    assert (totals["migrant_workers"], totals["migrant_unknown"]) == (10, 1)

    past = await breakdown(platform, city, period="2023", breakdown="size_band")
    assert by_key(past) == {"5": (1, 600, 1, 600)}
    assert past["stock_date"] == "2023-12-31"

    stock = (await platform.reporting.get(
        "/api/v1/statistics", params={"org_id": city, "period": str(TODAY.year)}
    )).json()["stock"]  # fmt: skip
    assert (stock["women_workers"], stock["women_unknown"]) == (305, 1)
    assert (stock["migrant_workers"], stock["migrant_unknown"]) == (10, 1)

    fixed = await platform.membership.patch(
        f"/api/v1/employers/{joint}/registration-type", json={"registration_type": "143"}
    )
    assert fixed.status_code == 200, fixed.text
    deadline = asyncio.get_running_loop().time() + PATIENCE_SECONDS
    while "joint_operation" not in by_key(await settled(platform, city)):
        assert asyncio.get_running_loop().time() < deadline, "the correction did not arrive"
        await asyncio.sleep(0.05)
