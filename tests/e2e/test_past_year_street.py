"""The street's 2025, entered in December 2026, read back from reporting cell by cell.

One scenario for the module (``past_year_street``, ``past_year_aid``): membership, assistance
and reporting run in-process on real PostgreSQL and NATS; every figure is compared with the
hand-written ``past_year_expected`` for the street (含下级), each community and the street's
本级, as of the year's end (``2025``) and as of 30 June (``2025H1``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from . import past_year_expected as expected
from .past_year_scenario import Scenario, built_scenario

WINDOWS = ("2025", "2025H1")
SUBTREES = ("street", "A", "B")


@pytest_asyncio.fixture(scope="module")
async def scenario(module_database_url: str, module_nats_url: str) -> AsyncIterator[Scenario]:
    async with built_scenario(module_database_url, module_nats_url) as built:
        yield built


ALL = [(org, window) for org in (*SUBTREES, "self") for window in WINDOWS]


@pytest.mark.parametrize(("org", "window"), ALL)
async def test_stocks_flows_and_contracts_by_kind(
    scenario: Scenario, org: str, window: str
) -> None:
    body = await scenario.read("/api/v1/statistics", org, window)
    stock, flows = body["stock"], body["flows"]
    assert (stock["employers"], stock["workers"], stock["women_workers"], stock["women_unknown"],
            stock["migrant_workers"], stock["migrant_unknown"], stock["covered_employers"],
            stock["coverage_rate"], stock["active_members"], stock["retained_members"],
            stock["membership_rate"]) == expected.STOCK[org, window]  # fmt: skip
    assert (flows["unions_founded"], flows["members_admitted"], flows["admitted_migrant"],
            flows["admitted_female"], flows["transfers_in"], flows["transfers_out"],
            flows["members_left"]) == expected.FLOWS[org, window]  # fmt: skip
    contracts = {kind: (c["in_force"], c["employers_covered"], c["workers_covered"],
                        c["signed_in_period"]) for kind, c in body["contracts"].items()}  # fmt: skip
    assert contracts == expected.CONTRACTS_BY_KIND[org, window]
    assert body["stock_date"] == ("2025-12-31" if window == "2025" else "2025-06-30")


def by_party(figures: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    rows = {party: (f["contracts"], f["employers_covered"], f["workers_covered"])
            for party, f in figures.items()}  # fmt: skip
    assert rows.pop("industry_union") == (0, 0, 0)  # no industry federation in the street
    return rows


@pytest.mark.parametrize(("org", "window"), ALL)
async def test_organisations_committees_and_contracts_by_party(
    scenario: Scenario, org: str, window: str
) -> None:
    body = await scenario.read("/api/v1/statistics/breakdowns", org, window)
    organisations = body["organisations"]
    kinds = {kind: n for kind, n in organisations["by_kind"].items() if n}
    modes = organisations["grassroots_by_mode"]
    assert (organisations["total"], kinds, modes.get("single", 0), modes.get("joint", 0)) == (
        expected.ORGANISATIONS[org, window]
    )
    assert body["committees"] == expected.COMMITTEES[org, window]
    assert by_party(body["contracts_in_force"]) == expected.BY_PARTY_IN_FORCE[org, window]
    assert by_party(body["contracts_signed"]) == expected.BY_PARTY_SIGNED[org, window]


def groups(body: dict[str, Any]) -> dict[str, tuple[int, int, int, int, str | None]]:
    return {g["key"]: (g["employers"], g["workers"], g["covered_employers"], g["covered_workers"],
                       g["coverage_rate"]) for g in body["groups"] if g["employers"]}  # fmt: skip


@pytest.mark.parametrize("key", sorted(expected.CLASSES))
async def test_employers_by_ownership_class(scenario: Scenario, key: tuple[str, str]) -> None:
    org, window = key
    body = await scenario.read("/api/v1/statistics/employers", org, window,
                               breakdown="ownership_class")  # fmt: skip
    assert groups(body) == expected.CLASSES[key]


@pytest.mark.parametrize("window", WINDOWS)
async def test_employers_by_size_band_and_among_enterprises(
    scenario: Scenario, window: str
) -> None:
    sizes = await scenario.read("/api/v1/statistics/employers", "street", window,
                                breakdown="size_band")  # fmt: skip
    assert groups(sizes) == expected.SIZES["street", window]
    enterprises = await scenario.read("/api/v1/statistics/employers", "street", window,
                                      employer_scope="enterprises")  # fmt: skip
    scope, every = enterprises["total"], enterprises["all_employers"]
    assert (scope["employers"], scope["covered_employers"], scope["coverage_rate"],
            every["employers"], every["coverage_rate"]) == expected.ENTERPRISES[window]  # fmt: skip


@pytest.mark.parametrize(("org", "window"), ALL)
async def test_households_aid_and_visits(scenario: Scenario, org: str, window: str) -> None:
    body = await scenario.assistance(org, window)
    households, aid, visits = body["households"], body["aid"], body["visits"]
    assert (households["on_file"], households["deep"], households["relative"],
            households["accident"], households["temporary"], households["filed"],
            households["exited"], households["cancelled"]) == expected.HOUSEHOLDS[org, window]  # fmt: skip
    assert (aid["payments"], aid["people"], aid["employers"], aid["amount_fen"]) == (
        expected.AID[org, window]
    )
    assert (visits["visits"], visits["people"], visits["households"], visits["employers"]) == (
        expected.VISITS[org, window]
    )
    if (org, window) in expected.PROGRAMMES:
        paid = {p: (f["payments"], f["amount_fen"]) for p, f in aid["by_programme"].items()
                if p in expected.PROGRAMMES[org, window]}  # fmt: skip
        assert paid == expected.PROGRAMMES[org, window]


async def test_an_as_of_date_inside_the_year_reads_the_half_year_stocks(
    scenario: Scenario,
) -> None:
    body = await scenario.read("/api/v1/statistics", "street", "2025", as_of="2025-06-30")
    stock = body["stock"]
    assert (stock["employers"], stock["workers"], stock["covered_employers"],
            stock["active_members"]) == (5, 1208, 3, 5)  # as in STOCK["street", "2025H1"]  # fmt: skip
    assert body["flows"]["members_admitted"] == 3  # the flows end on the as-of date too


async def test_the_visits_import_keeps_its_good_row_and_lists_the_bad_ones(
    scenario: Scenario,
) -> None:
    job = scenario.imports["visits"]
    assert (job["status"], job["imported_rows"], job["failed_rows"]) == (
        "completed_with_errors", 1, 3,
    )  # fmt: skip
    assert [(e["row"], e["column"]) for e in job["errors"]] == [
        (3, "户主身份证号"), (4, "走访日期"), (5, "走访日期"),
    ]  # fmt: skip
    assert job["errors"][0]["message"] == "困难档案不存在"


async def test_the_hardship_files_import_files_its_good_row_and_lists_the_bad_ones(
    scenario: Scenario,
) -> None:
    job = scenario.imports["households"]
    assert (job["status"], job["imported_rows"], job["failed_rows"]) == (
        "completed_with_errors", 1, 3,
    )  # fmt: skip
    assert [(e["row"], e["column"]) for e in job["errors"]] == [
        (3, "户主身份证号"), (4, "困难类别"), (5, "建档日期"),
    ]  # fmt: skip
    assert job["errors"][0]["message"] == "身份证号校验位错误"
