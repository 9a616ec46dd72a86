"""The assistance export read back (CSV and XLSX) equals the JSON breakdown, amounts in yuan."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from reporting.domain.assistance_table import HEADERS, MONEY_HEADERS

from .assistance_world import Api, api, world

pytestmark = pytest.mark.integration
__all__ = ["api", "world"]
EXPORT = "/api/v1/statistics/assistance/export"
CHILDREN = "/api/v1/statistics/assistance/children"
PROGRAMMES = ("festival_consolation", "student_aid", "medical_aid", "emergency_relief",
              "summer_relief")  # fmt: skip


def yuan(fen: int) -> str:
    """Fen as yuan text, computed independently of the code under test."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def expected_row(view: dict[str, Any], label: str | None = None) -> list[str]:
    h, aid, visits = view["households"], view["aid"], view["visits"]
    row = [label or view["name"], h["on_file"], h["deep"], h["relative"], h["accident"],
           h["filed"], h["exited"], aid["payments"], yuan(aid["amount_fen"]), aid["people"],
           aid["employers"]]  # fmt: skip
    for programme in PROGRAMMES:
        figures = aid["by_programme"][programme]
        row += [figures["payments"], yuan(figures["amount_fen"])]
    insurance = view["insurance"]
    row += [visits["visits"], visits["people"], visits["employers"],
            yuan(view["donations"]["amount_fen"]),
            insurance["enrolled_members"], insurance["claims"], yuan(insurance["claims_fen"])]  # fmt: skip
    return [str(value) for value in row]


async def expected_rows(api: Api, **params: Any) -> list[list[str]]:
    body = await api.json(CHILDREN, **params)
    return [
        *(expected_row(c) for c in body["children"]),
        expected_row(body["self_only"], "本级"),
        expected_row(body["total"], "合计"),
    ]


async def test_csv_equals_the_json_breakdown(api: Api) -> None:
    s = api.street
    query = {"org_id": str(s.s1), "period": "2024H1"}
    response = await api.get(EXPORT, "assistance_officer", s.s1, format="csv", **query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(lines[0]) == HEADERS
    assert lines[1:] == await expected_rows(api, **query)
    total = dict(zip(HEADERS, lines[-1], strict=True))
    assert (total["走访人次"], total["送温暖帮扶人次"], total["送温暖帮扶金额(元)"]) == (
        "39", "38", "19000.00",
    )  # fmt: skip
    assert (total["募捐金额(元)"], total["报销金额(元)"]) == ("45460.00", "1500.50")
    assert (total["帮扶人次合计"], total["帮扶人数"], total["帮扶涉及企业"]) == ("39", "38", "12")
    assert (total["走访人数"], total["走访涉及企业"]) == ("38", "12")
    assert [line[0] for line in lines[1:]] == [
        "汉中门社区工联会", "石鼓路社区工联会", "本级", "合计",
    ]  # fmt: skip


async def test_xlsx_equals_the_json_breakdown_with_yuan_as_numbers(api: Api) -> None:
    s = api.street
    query = {"org_id": str(s.district), "period": "2024H2"}
    response = await api.get(EXPORT, "auditor", s.district, format="xlsx", **query)
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="assistance-2024-07-01-2024-12-31.xlsx"')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == (
        "玄武区总工会2024年下半年困难职工帮扶统计表.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet["A1"].value == "玄武区总工会 2024年下半年 困难职工帮扶统计表"
    assert tuple(cell.value for cell in sheet[5]) == HEADERS  # below the form's three lines
    cells = list(sheet.iter_rows(min_row=6))
    money = {HEADERS.index(header) for header in MONEY_HEADERS}
    assert all(row[i].number_format == "0.00" for row in cells for i in money)
    rows = [
        [f"{cell.value:.2f}" if i in money else str(cell.value) for i, cell in enumerate(row)]
        for row in cells
    ]
    assert rows == await expected_rows(api, **query)
    assert Decimal(str(cells[-1][HEADERS.index("帮扶金额合计(元)")].value)) == Decimal("13500.50")


async def test_scope_and_bad_input(api: Api) -> None:
    s = api.street
    out_of_scope = await api.get(EXPORT, "assistance_officer", s.a, org_id=str(s.s1),
                                 period="2024H1", format="csv")  # fmt: skip
    assert out_of_scope.status_code == 404
    wrong_role = await api.get(EXPORT, "mediator", s.s1, org_id=str(s.s1), period="2024H1")
    assert wrong_role.status_code == 403
    bad_format = await api.get(EXPORT, org_id=str(s.s1), period="2024H1", format="pdf")
    assert bad_format.status_code == 422
    as_of = await api.get(EXPORT, org_id=str(s.s1), period="2024H1", as_of="2024-05-19")
    sheet = load_workbook(io.BytesIO(as_of.content)).active
    assert sheet is not None
    assert sheet["A1"].value == (
        "新街口街道总工会 2024年上半年（截至2024年5月19日） 困难职工帮扶统计表"
    )
    assert sheet.cell(row=9, column=2).value == 37  # 合计: H10 had not moved yet
