"""CSV and XLSX exports read back equal the JSON breakdown of the hand-computed scenario."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from reporting.domain.report_form import BLANK, day_text
from reporting.domain.report_table import HEADERS, RATE_HEADERS
from shared.identifiers import today_in_china

from . import test_api
from .test_api import Client

pytestmark = pytest.mark.integration
client = test_api.client
EXPORT = "/api/v1/statistics/export"
CHILDREN = "/api/v1/statistics/children"


def expected_row(view: dict[str, Any], label: str | None = None) -> list[str]:
    """The JSON view in the export's column order, as text."""
    stock, flows = view["stock"], view["flows"]
    rates = [stock["coverage_rate"], stock["membership_rate"]]
    coverage_rate, membership_rate = ("—" if r is None else r for r in rates)
    row = [label or view["name"], stock["employers"], stock["workers"], stock["women_workers"],
           stock["migrant_workers"], stock["covered_employers"], coverage_rate,
           stock["active_members"], membership_rate, flows["unions_founded"],
           flows["members_admitted"], flows["admitted_migrant"], flows["admitted_female"],
           flows["transfers_in"], flows["transfers_out"], flows["members_left"]]  # fmt: skip
    for kind in ("comprehensive", "wage", "women"):
        c = view["contracts"][kind]
        row += [c["in_force"], c["signed_in_period"], c["employers_covered"], c["workers_covered"]]
    return [str(value) for value in row]


async def expected_rows(client: Client, **params: Any) -> list[list[str]]:
    breakdown = await client.get(CHILDREN, **params)
    assert breakdown.status_code == 200, breakdown.text
    body = breakdown.json()
    return [
        *(expected_row(child) for child in body["children"]),
        expected_row(body["self_only"], "本级"),
        expected_row(body["total"], "合计"),
    ]


def as_text(header: str, value: object) -> str:
    """A cell as the CSV would write it: rates are stored as numbers shown with one decimal."""
    if header in RATE_HEADERS and isinstance(value, int | float):
        return f"{value:.1f}"
    return str(value)


async def test_csv_equals_the_json_breakdown_with_undefined_rates(client: Client) -> None:
    query = {"org_id": str(client.scenario.district), "period": "2024Q1"}
    response = await client.get(EXPORT, "analyst", client.scenario.district, format="csv", **query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(lines[0]) == HEADERS
    assert lines[1:] == await expected_rows(client, **query)
    by_name = {line[0]: line for line in lines[1:]}
    # 梅园街道 has no employer until 石鼓路 joins it in April: both rates are undefined.
    street_without_employers = by_name["梅园街道总工会"]
    assert street_without_employers[HEADERS.index("建会率(%)")] == "—"
    assert street_without_employers[HEADERS.index("入会率(%)")] == "—"
    assert by_name["合计"][HEADERS.index("建会率(%)")] == "66.7"


async def test_xlsx_equals_the_json_breakdown_and_totals_the_subtree(client: Client) -> None:
    query = {"org_id": str(client.scenario.s1), "period": "2024H1"}
    response = await client.get(EXPORT, "city_admin", None, format="xlsx", **query)
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="statistics-2024-01-01-2024-06-30.xlsx"')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == (
        "新街口街道总工会2024年上半年工会组织建设统计表.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet["A1"].value == "新街口街道总工会 2024年上半年 工会组织建设统计表"
    assert sheet.freeze_panes == "B6"  # below the title, three form lines and the header
    assert tuple(cell.value for cell in sheet[5]) == HEADERS
    rows = [
        [as_text(header, cell.value) for header, cell in zip(HEADERS, row, strict=True)]
        for row in sheet.iter_rows(min_row=6)
    ]
    assert rows == await expected_rows(client, **query)
    # 石鼓路 moved to 梅园 in April, so only 汉中门 is a child on June 30; the street's own
    # total still counts the admissions 石鼓路 made under it in the first quarter.
    admitted = HEADERS.index("新发展会员数")
    assert [(row[0], row[admitted]) for row in rows] == [
        ("汉中门社区工联会", "2"), ("本级", "0"), ("合计", "4"),
    ]  # fmt: skip


async def test_as_of_date_in_the_title_and_scope_rules(client: Client) -> None:
    s = client.scenario
    as_of = await client.get(EXPORT, org_id=str(s.s1), period="2024H1", as_of="2024-03-31")
    sheet = load_workbook(io.BytesIO(as_of.content)).active
    assert sheet is not None
    assert (
        sheet["A1"].value == "新街口街道总工会 2024年上半年（截至2024年3月31日） 工会组织建设统计表"
    )
    assert [row[0].value for row in sheet.iter_rows(min_row=6)] == [
        "汉中门社区工联会", "石鼓路社区工联会", "本级", "合计",
    ]  # fmt: skip
    out_of_scope = await client.get(EXPORT, "union_cadre", s.a, org_id=str(s.s1), period="2024H1")
    assert out_of_scope.status_code == 404
    bad_period = await client.get(EXPORT, org_id=str(s.s1), period="2024H3", format="csv")
    assert bad_period.status_code == 422
    bad_format = await client.get(EXPORT, org_id=str(s.s1), period="2024H1", format="pdf")
    assert bad_format.status_code == 422
    by_dates = await client.get(EXPORT, org_id=str(s.s2), date_from="2024-04-01",
                                date_to="2024-05-31", format="csv")  # fmt: skip
    lines = list(csv.reader(io.StringIO(by_dates.content.decode("utf-8-sig"))))
    assert [line[0] for line in lines[1:]] == ["石鼓路社区工联会", "本级", "合计"]


async def test_xlsx_form_header_names_the_unit_the_signers_and_the_dates(client: Client) -> None:
    s = client.scenario
    query = {"org_id": str(s.s1), "period": "2024H1", "as_of": "2024-03-31", "head": "王主席"}
    response = await client.get(EXPORT, "analyst", s.district, format="xlsx", **query)
    assert response.status_code == 200, response.text
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None

    def line(row: int) -> list[object]:
        return [cell.value for cell in sheet[row] if cell.value is not None]

    assert line(2) == ["表号：工组统1表", "填报单位：新街口街道总工会"]
    assert line(3) == [
        "统计期间：2024年上半年（截至2024年3月31日）",
        "起止日期：2024年1月1日至2024年3月31日",
        "统计截至日：2024年3月31日",
    ]
    # No preparer named: a line to sign, not the token's account id.
    assert line(4) == [
        "负责人：王主席",
        f"填表人：{BLANK}",
        f"报出日期：{day_text(today_in_china())}",
    ]
    assert (sheet.page_setup.orientation, sheet.print_title_rows) == ("landscape", "$1:$5")
    named = await client.get(EXPORT, "city_admin", None, format="xlsx", preparer="李干事",
                             org_id=str(s.s1), period="2024H1")  # fmt: skip
    signed = load_workbook(io.BytesIO(named.content)).active
    assert signed is not None
    assert [c.value for c in signed[4] if c.value][:2] == [f"负责人：{BLANK}", "填表人：李干事"]
