"""``scope=self`` (本级) on the breakdowns, the employer figures and their exports, against
含下级, on the district of :mod:`.own_level_world` read for 新街口街道 (S1).

On 2024-06-30 S1's subtree holds S1, A (with UA) and UJ; B moved to 梅园 on 04-01 and UA2 is
founded only in August. 本级 is what was recorded at S1 itself: its own committee, contract KS
it signed and employer ES in its own territory; everything else is a child's.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from .conftest import Bus
from .own_level_world import OwnLevelApi, serve

pytestmark = pytest.mark.integration
BREAKDOWNS, EMPLOYERS = "/api/v1/statistics/breakdowns", "/api/v1/statistics/employers"
EXPORT = "/api/v1/statistics/breakdowns/export"
H1: dict[str, Any] = {"period": "2024H1"}


@pytest_asyncio.fixture
async def api(bus: Bus) -> AsyncIterator[OwnLevelApi]:
    async for served in serve(bus):
        yield served


def organisations(body: dict[str, Any]) -> tuple[int, dict[str, int], dict[str, int]]:
    found = body["organisations"]
    modes = {mode: n for mode, n in found["grassroots_by_mode"].items() if n}
    return found["total"], {kind: n for kind, n in found["by_kind"].items() if n}, modes


def by_party(figures: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    return {party: (f["contracts"], f["employers_covered"], f["workers_covered"])
            for party, f in figures.items()}  # fmt: skip


def committees(count: int, members: int, roles: tuple[int, int, int], women: int,
               recorded: int, full_time: int) -> dict[str, Any]:  # fmt: skip
    by_role = dict(zip(("chair", "vice_chair", "member"), roles, strict=True))
    return {"committees": count, "members": members,
            "by_role": {**by_role, "audit": 0, "women": 0},
            "women": women, "sex_recorded": recorded, "full_time": full_time}  # fmt: skip


NONE = (0, 0, 0)


async def test_breakdowns_of_the_street_alone_beside_its_subtree(api: OwnLevelApi) -> None:
    s1 = str(api.world.scenario.s1)
    whole = await api.json(BREAKDOWNS, org_id=s1, **H1)
    own = await api.json(BREAKDOWNS, org_id=s1, scope="self", **H1)
    assert (whole["scope"], own["scope"]) == ("subtree", "self")
    # S1, A, UA (founded without a mode) and UJ (joint); 本级 S1 alone
    assert organisations(whole) == (
        4,
        {"street_federation": 1, "community_federation": 1, "grassroots_union": 2},
        {"joint": 1, "unknown": 1},
    )
    assert organisations(own) == (1, {"street_federation": 1}, {})
    # S1's committee of 7 and UA's of 3 (in office from 05-01); 本级 S1's alone
    assert whole["committees"] == committees(2, 10, (2, 2, 6), 4, 10, 2)
    assert own["committees"] == committees(1, 7, (1, 2, 4), 3, 7, 2)
    # K1 by UA (own union, 2 employers, 150 workers) and KS by S1 (regional, ES 30), both
    # signed in the half-year and in force on 06-30; 本级 KS alone
    both = {"own_union": (1, 2, 150), "regional_union": (1, 1, 30), "industry_union": NONE}
    alone = {"own_union": NONE, "regional_union": (1, 1, 30), "industry_union": NONE}
    assert by_party(whole["contracts_in_force"]) == by_party(whole["contracts_signed"]) == both
    assert by_party(own["contracts_in_force"]) == by_party(own["contracts_signed"]) == alone


async def test_in_the_first_quarter_the_own_level_has_its_committee_but_no_contract(
    api: OwnLevelApi,
) -> None:
    s1 = str(api.world.scenario.s1)
    whole = await api.json(BREAKDOWNS, org_id=s1, period="2024Q1")
    own = await api.json(BREAKDOWNS, org_id=s1, period="2024Q1", scope="self")
    # on 03-31 B (and UB, founded 02-10) are still S1's: S1, A, B, UA, UB, UJ
    assert organisations(whole)[0] == 6
    assert organisations(own)[0] == 1
    # UA's committee starts in May, so both read S1's alone
    assert whole["committees"] == own["committees"] == committees(1, 7, (1, 2, 4), 3, 7, 2)
    # K1 (signed 03-01) is a child's; KS is signed only on 05-01
    assert by_party(own["contracts_in_force"])["regional_union"] == NONE
    assert by_party(whole["contracts_signed"])["own_union"] == (1, 2, 150)
    assert by_party(own["contracts_signed"]) == dict.fromkeys(
        ("own_union", "regional_union", "industry_union"), NONE
    )


def groups(body: dict[str, Any]) -> dict[str, tuple[int, int, int, int, str | None]]:
    return {g["key"]: (g["employers"], g["workers"], g["covered_employers"], g["covered_workers"],
                       g["coverage_rate"]) for g in body["groups"] if g["employers"]}  # fmt: skip


async def test_employers_in_the_streets_own_territory_beside_the_subtree(
    api: OwnLevelApi,
) -> None:
    s1 = str(api.world.scenario.s1)
    whole = await api.json(EMPLOYERS, org_id=s1, **H1)
    own = await api.json(EMPLOYERS, org_id=s1, scope="self", **H1)
    assert (whole["scope"], own["scope"]) == ("subtree", "self")
    # EA1 (100, covered) and EA2 (50) in A; ES (集体, 30, covered by UJ) in S1's own territory
    assert groups(whole) == {
        "collective": (1, 30, 1, 30, "100.0"),
        "private": (2, 150, 1, 100, "50.0"),
    }
    assert groups(own) == {"collective": (1, 30, 1, 30, "100.0")}
    total = own["total"]
    assert (total["employers"], total["workers"], total["women_workers"],
            total["migrant_workers"]) == (1, 30, 12, 6)  # fmt: skip
    assert whole["total"]["women_workers"] == 50 + 25 + 12
    sizes = await api.json(EMPLOYERS, org_id=s1, scope="self", breakdown="size_band", **H1)
    assert sum(g["employers"] for g in sizes["groups"]) == 1
    enterprises = await api.json(EMPLOYERS, org_id=s1, scope="self",
                                 employer_scope="enterprises", **H1)  # fmt: skip
    assert enterprises["total"]["employers"] == 1  # a 集体企业 is an enterprise


@pytest.mark.parametrize("period", ["2024H1", "2024"])
async def test_the_children_and_the_own_level_add_up_to_the_subtree(
    api: OwnLevelApi, period: str
) -> None:
    s1 = str(api.world.scenario.s1)
    listed = await api.json("/api/v1/statistics/children", org_id=s1, period=period)
    children = [row["org_id"] for row in listed["children"]]
    assert len(children) == 2  # A and UJ (B left in April)
    rows = [*[{"org_id": child} for child in children], {"org_id": s1, "scope": "self"}]
    whole = await api.json(BREAKDOWNS, org_id=s1, period=period)
    parts = [await api.json(BREAKDOWNS, period=period, **row) for row in rows]
    assert sum(p["organisations"]["total"] for p in parts) == whole["organisations"]["total"]
    assert sum(p["committees"]["members"] for p in parts) == whole["committees"]["members"]
    for table in ("contracts_in_force", "contracts_signed"):
        for party, figures in by_party(whole[table]).items():
            assert tuple(map(sum, zip(*(by_party(p[table])[party] for p in parts),
                                      strict=True))) == figures, (table, party)  # fmt: skip
    employers = await api.json(EMPLOYERS, org_id=s1, period=period)
    parts = [await api.json(EMPLOYERS, period=period, **row) for row in rows]
    for figure in ("employers", "workers", "covered_employers", "covered_workers"):
        assert sum(p["total"][figure] for p in parts) == employers["total"][figure], figure


async def test_a_bad_scope_is_refused_and_the_scope_check_still_holds(api: OwnLevelApi) -> None:
    s = api.world.scenario
    for path in (BREAKDOWNS, EMPLOYERS):
        bad = await api.get(path, org_id=str(s.s1), scope="up", **H1)
        assert bad.status_code == 422, path
        assert bad.headers["content-type"].startswith("application/problem+json")
        assert [e["field"].split(".")[-1] for e in bad.json()["errors"]] == ["scope"]
        # a cadre of 汉中门 may not read the street, not even its 本级
        hidden = await api.get(path, "union_cadre", s.a, org_id=str(s.s1), scope="self", **H1)
        assert hidden.status_code == 404, path


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


async def test_the_exports_take_the_same_scope(api: OwnLevelApi) -> None:
    s1 = str(api.world.scenario.s1)
    query: dict[str, Any] = {"org_id": s1, "breakdown": "contracts", "format": "csv", **H1}
    own = await api.get(EXPORT, scope="self", **query)
    assert own.status_code == 200, own.text
    # in force on 06-30, then signed in the half-year: contracts, employers, workers
    assert csv_rows(own.content)[-1] == ["合计", "1", "1", "30", "1", "1", "30"]
    subtree = await api.get(EXPORT, scope="subtree", **query)
    assert csv_rows(subtree.content)[-1] == ["合计", "2", "3", "180", "2", "3", "180"]
    assert (await api.get(EXPORT, scope="all", **query)).content == subtree.content
    assert (await api.get(EXPORT, **query)).content == subtree.content
    employers = await api.get(EXPORT, org_id=s1, breakdown="ownership_class", format="csv",
                              scope="self", **H1)  # fmt: skip
    assert csv_rows(employers.content)[-1][:3] == ["合计", "1", "30"]
