"""The annual report's tables on the hand-computed district (see :mod:`.annual_world`): each
table's cells, every cell's facts adding up to it, the XLSX form, scope and errors."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
import pytest_asyncio

from .annual_world import AnnualApi, facts_figure, serve
from .conftest import Bus

pytestmark = pytest.mark.integration
YEAR = {"year": 2024}


@pytest_asyncio.fixture
async def annual(bus: Bus) -> AsyncIterator[AnnualApi]:
    async for served in serve(bus):
        yield served


async def test_organisations_and_contracts_of_the_district(annual: AnnualApi) -> None:
    d = annual.district.scenario.district
    orgs = await annual.cells("organisations", d, **YEAR)
    # D, S1, S2, A, B, UA, UB, UA2, UX exist on 2024-12-31.
    assert orgs["total.organisations"] == 9
    assert (orgs["district_federation.organisations"], orgs["street_federation.organisations"],
            orgs["community_federation.organisations"],
            orgs["grassroots_union.organisations"]) == (1, 2, 2, 4)  # fmt: skip
    assert (orgs["joint.organisations"], orgs["single.organisations"]) == (1, 0)
    assert (orgs["total.committees"], orgs["total.members_seated"]) == (1, 5)
    # Before UX (06-01) and UA2 (08-01) were founded: neither they nor UX's committee.
    may = await annual.cells("organisations", d, as_of="2024-05-31", **YEAR)
    assert (may["total.organisations"], may["total.committees"]) == (7, 0)

    k = await annual.cells("contracts", d, **YEAR)
    # K1 (own union, 2 employers, 150 workers) is in force; K2 ended on 12-01.
    assert [
        k[f"own_union.in_force_{m}"] for m in ("contracts", "employers_covered", "workers_covered")
    ] == [1, 2, 150]
    assert k["regional_union.in_force_contracts"] == 0
    assert [
        k[f"total.signed_{m}"] for m in ("contracts", "employers_covered", "workers_covered")
    ] == [2, 3, 230]
    assert k["regional_union.signed_workers_covered"] == 80


async def test_employers_by_class_and_size(annual: AnnualApi) -> None:
    e = await annual.cells("employers", annual.district.scenario.district, **YEAR)
    # EA1 120 covered, EA2 50, EB1 80 covered (all 私营), EX 10 (外商投资).
    assert [e[f"total.{m}"] for m in ("employers", "workers", "covered_employers",
                                      "covered_workers", "coverage_rate")] == [
        4, 260, 2, 200, Decimal("50.0")]  # fmt: skip
    assert e["enterprises.coverage_rate"] == Decimal("50.0")
    assert (e["class_private.employers"], e["class_private.coverage_rate"]) == (3, Decimal("66.7"))
    assert (e["class_foreign.workers"], e["class_foreign.coverage_rate"]) == (10, Decimal("0.0"))
    assert e["class_state.coverage_rate"] is None  # no employer: undefined, not 0
    assert [e["band_0.employers"], e["band_2.employers"], e["band_3.employers"]] == [1, 2, 1]
    assert (e["band_2.covered_workers"], e["band_2.coverage_rate"]) == (80, Decimal("50.0"))
    assert e["band_unknown.employers"] == 0


async def test_members_and_unknown_census_counts(annual: AnnualApi) -> None:
    s = annual.district.scenario
    m = await annual.cells("members", s.district, **YEAR)
    assert [m[f"{row}.people"] for row in ("active", "own_active", "retained", "admitted",
                                           "admitted_female", "admitted_migrant", "left")] == [
        4, 0, 1, 5, 2, 3, 1]  # fmt: skip
    # At year end m1 (woman, 农民工), m2, m5 (农民工) and M6, of whom nothing is known.
    assert (m["active_female.people"], m["active_female.unknown"]) == (1, 1)
    assert (m["active_migrant.people"], m["active_migrant.unknown"]) == (2, 1)
    # Census: women 60 + 25 + 40 and migrants 30 + 12 + 20 known; EX left both unknown.
    assert (m["workers.people"], m["women.people"], m["women.unknown"]) == (260, 125, 1)
    assert (m["migrant.people"], m["migrant.unknown"]) == (62, 1)
    street = await annual.cells("members", s.s1, **YEAR)
    # 石鼓路 left for 梅园 on 04-01: m2 (now UB) is no longer the street's at year end, but
    # UB's admissions of March still are.
    assert (street["active.people"], street["admitted.people"]) == (2, 5)


async def test_every_cell_is_the_count_or_sum_of_its_facts(annual: AnnualApi) -> None:
    s = annual.district.scenario
    checked = 0
    # At year end, and as of 31 March, while 石鼓路 was still under 新街口 (it moved on 04-01).
    windows: list[dict[str, Any]] = [YEAR, {**YEAR, "as_of": "2024-03-31"}]
    for org, window in [(o, w) for o in (s.district, s.s1, s.b) for w in windows]:
        for table in ("organisations", "employers", "members", "contracts"):
            body = await annual.json(f"/api/v1/annual-report/{table}", org_id=str(org), **window)
            for cell in body["cells"]:
                kind = cell["indicator"]["kind"]
                if kind == "ratio":
                    continue
                facts = await annual.all_facts(table, cell["key"], org, **window)
                expected = Decimal(str(cell["value"]))
                assert facts_figure(kind, facts) == expected, (org, window, cell["key"])
                assert len({f["id"] for f in facts}) == len(facts)
                checked += 1
    assert checked > 300


async def test_facts_name_ids_dates_and_organisations(annual: AnnualApi) -> None:
    s = annual.district.scenario
    admitted = await annual.all_facts("members", "admitted_female.people", s.district, **YEAR)
    m1, m3 = s.members[0], s.members[2]
    assert {(f["id"], f["on"], f["org_id"]) for f in admitted} == {
        (str(m1), "2024-01-10", str(s.ua)), (str(m3), "2024-03-01", str(s.ub))}  # fmt: skip
    unknown = await annual.all_facts("members", "women.unknown", s.district, **YEAR)
    assert [(f["id"], f["kind"]) for f in unknown] == [(str(annual.district.ex), "employer")]
    unsexed = await annual.all_facts("members", "active_female.unknown", s.district, **YEAR)
    assert [(f["id"], f["on"], f["org_id"]) for f in unsexed] == [
        (str(annual.district.m6), "2024-07-01", str(annual.district.ux))]  # fmt: skip
    workers = await annual.all_facts("employers", "class_private.covered_workers", s.district,
                                     **YEAR)  # fmt: skip
    assert sorted(Decimal(str(f["value"])) for f in workers) == [80, 120]


async def test_the_xlsx_form_has_its_header_merged_headings_and_values(annual: AnnualApi) -> None:
    s = annual.district.scenario
    response = await annual.get("/api/v1/annual-report/employers", org_id=str(s.district),
                                format="xlsx", head="王某", **YEAR)  # fmt: skip
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet["A1"].value == "玄武区总工会 2024年 企业及职工建会情况"
    header = [sheet.cell(row=r, column=col).value for r in (2, 3, 4) for col in range(1, 8)]
    for item in ("表号：工年统2表", "制表机关：市总工会", "填报单位：玄武区总工会",
                 "年度：2024年", "计量单位：个、人", "负责人：王某"):  # fmt: skip
        assert item in header
    merged = {str(r) for r in sheet.merged_cells.ranges}
    # 项目 over two heading columns and rows; 已建工会 over its two columns; 单位数 down.
    assert {"A1:G1", "A5:B6", "E5:F5", "C5:C6", "G5:G6"} <= merged
    assert (sheet["E5"].value, sheet["E6"].value, sheet["F6"].value) == (
        "已建工会",
        "单位数",
        "职工数",
    )
    rows = {sheet.cell(row=r, column=2).value or sheet.cell(row=r, column=1).value: r
            for r in range(7, sheet.max_row + 1)}  # fmt: skip
    total = [sheet.cell(row=rows["全部单位"], column=col).value for col in range(3, 8)]
    assert total == [4, 260, 2, 200, Decimal("50.0")] or total == [4, 260, 2, 200, 50.0]
    private = rows["私营"]
    assert sheet.cell(row=private, column=2).value == "私营"
    assert sheet.cell(row=rows["港澳台商投资"], column=7).value == "—"
    section = next(r for r in merged if r.startswith(f"A{rows['国有']}:"))
    assert sheet[section.split(":")[0]].value == "按登记注册类型"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows is not None
    csv = await annual.get("/api/v1/annual-report/contracts", org_id=str(s.district),
                           format="csv", **YEAR)  # fmt: skip
    assert csv.status_code == 200
    assert "年末有效·份数" in csv.content.decode("utf-8-sig")


async def test_scope_roles_and_errors(annual: AnnualApi) -> None:
    s = annual.district.scenario
    outside = await annual.get("/api/v1/annual-report/members", "union_cadre", s.a,
                               org_id=str(s.s2), **YEAR)  # fmt: skip
    assert outside.status_code == 403
    assert outside.headers["content-type"].startswith("application/problem+json")
    assert outside.json()["title"] == "无权执行此操作"
    assert outside.json()["errors"][0]["field"] == "org_id"
    facts = await annual.get("/api/v1/annual-report/members/cells/active.people/facts",
                             "union_cadre", s.a, org_id=str(s.s2), **YEAR)  # fmt: skip
    assert facts.status_code == 403
    inside = await annual.json("/api/v1/annual-report/members", "union_cadre", s.a,
                               org_id=str(s.ua), **YEAR)  # fmt: skip
    assert inside["organisation"] == "甲公司工会"
    listed = await annual.json("/api/v1/annual-report", "union_cadre", s.a, org_id=str(s.a),
                               **YEAR)  # fmt: skip
    # A cadre reads the assistance, mediation and training aggregates too, as /statistics/… allow.
    assert [t["code"] for t in listed["tables"]] == ["organisations", "employers", "members",
                                                     "contracts", "hardship", "disputes", "training"]  # fmt: skip
    own = await annual.json("/api/v1/annual-report", "assistance_officer", s.a,
                            org_id=str(s.a), **YEAR)  # fmt: skip
    assert [t["code"] for t in own["tables"]] == ["hardship"]
    coordinator = await annual.get("/api/v1/annual-report/hardship", "training_coordinator",
                                   s.a, org_id=str(s.a), **YEAR)  # fmt: skip
    assert coordinator.status_code == 403
    officer = await annual.get("/api/v1/annual-report/members", "assistance_officer",
                               s.district, org_id=str(s.district), **YEAR)  # fmt: skip
    assert officer.status_code == 403
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("/api/v1/annual-report/nosuch", YEAR, "path.table"),
        ("/api/v1/annual-report/members/cells/nosuch.people/facts", YEAR, "cell"),
        ("/api/v1/annual-report/employers/cells/total.coverage_rate/facts", YEAR, "cell"),
        ("/api/v1/annual-report/members", {"year": 1800}, "query.year"),
        ("/api/v1/annual-report/members", {"year": 2024, "as_of": "2025-01-01"}, "as_of"),
    ]
    for path, params, field in cases:
        bad = await annual.get(path, org_id=str(s.district), **params)
        assert bad.status_code == 422, path
        assert bad.json()["title"] == "请求参数无效"
        assert bad.json()["errors"][0]["field"] == field, path
