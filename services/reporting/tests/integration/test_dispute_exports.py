"""The mediation export read back (CSV and XLSX): indicators down, nodes or periods across."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from reporting.domain.dispute_table import INDICATORS, MONEY_LINES, RATE_LINES
from shared.contracts import membership as m

from .conftest import envelope
from .dispute_world import Api, api, world

pytestmark = pytest.mark.integration
__all__ = ["api", "world"]
EXPORT = "/api/v1/statistics/disputes/export"
CHANNELS = ("visit", "phone", "online", "letter", "referred_by_superior")
CATEGORIES = ("labour_contract", "wages", "work_injury", "social_insurance", "dismissal", "other")
REASONS = ("further_investigation", "party_request", "awaiting_evidence", "settlement_near",
           "other", "unknown")  # fmt: skip


def yuan(fen: int) -> str:
    """Fen as yuan text, computed independently of the code under test."""
    return f"{fen // 100}.{fen % 100:02d}"


def rate(value: str | None) -> str:
    return "—" if value is None else value


def column(view: dict[str, Any]) -> list[str]:
    """The column of one organisation or period, from the JSON figures, in the table's order."""
    c, k, o, late = view["contacts"], view["cases"], view["outcomes"], view["overdue"]
    values = [c["contacts"], *(c["by_channel"][x] for x in CHANNELS), k["accepted"],
              *(k["by_category"][x] for x in CATEGORIES), k["workers"], k["migrant_workers"],
              k["collective"], yuan(k["claimed_fen"]), k["declined"], k["withdrawn"], o["closed"],
              rate(o["closure_rate"]), o["settled"], rate(o["settlement_rate"]),
              yuan(o["agreed_fen"]), o["failed"], o["referred"]["arbitration"],
              o["referred"]["court"], o["legal_aid"], yuan(o["recovered_fen"]),
              late["open_overdue"], late["notices"], view["extensions"]["extensions"],
              *(view["extensions"]["by_reason"][x] for x in REASONS)]  # fmt: skip
    return [str(value) for value in values]


def shown(value: Any, money: bool, percent: bool) -> str:
    """A number read back from the workbook as the CSV and the JSON write it."""
    if money:
        return f"{value:.2f}"
    if percent and value != "—":
        return f"{value:.1f}"
    return str(value)


def transposed(columns: list[list[str]]) -> list[list[str]]:
    return [[label, *(col[i] for col in columns)] for i, label in enumerate(INDICATORS)]


async def test_csv_has_the_indicators_down_and_the_communities_across(api: Api) -> None:
    s = api.street
    query = {"org_id": str(s.s1), "period": "2024H1"}
    response = await api.get(EXPORT, "mediator", s.s1, format="csv", **query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["指标", "汉中门社区工联会", "石鼓路社区工联会", "合计"]
    body = await api.json("/api/v1/statistics/disputes/children", **query)
    assert lines[1:] == transposed([*(column(c) for c in body["children"]), column(body["total"])])
    rows = {line[0]: line[1:] for line in lines[1:]}
    # The street's own half-year, as its report would say it.
    assert rows["接待来访(件)"] == ["4", "3", "8"]
    assert rows["受理案件(件)"] == ["4", "4", "9"]
    assert rows["涉案金额(元)"] == ["545000.00", "88000.00", "1133000.00"]
    assert rows["办结率(%)"] == ["100.0", "100.0", "100.0"]
    assert rows["调解成功率(%)"] == ["75.0", "50.0", "66.7"]
    assert rows["追回金额(元)"] == ["340000.00", "8000.00", "548000.00"]
    # A: K3 v1 and 当事人申请; B: K6 其他, K7 等待鉴定或证据, K8 进一步调查; the street adds K10.
    assert rows["延期次数(次)"] == ["2", "3", "6"]
    assert rows["  其中理由：未记录"] == ["1", "0", "1"]
    assert rows["  其中理由：协商中即将达成协议"] == ["0", "0", "1"]


async def test_xlsx_by_quarter_with_numbers_and_formats(api: Api) -> None:
    s = api.street
    query = {"org_id": str(s.s1), "period": "2024H1", "layout": "periods"}
    response = await api.get(EXPORT, "auditor", s.district, format="xlsx", **query)
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="disputes-2024-01-01-2024-06-30.xlsx"')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == (
        "新街口街道总工会2024年上半年劳动争议调解统计表.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet["A1"].value == "新街口街道总工会 2024年上半年 劳动争议调解统计表"
    assert [cell.value for cell in sheet[2] if cell.value] == [
        "表号：工调统1表",
        "填报单位：新街口街道总工会",
    ]
    assert [cell.value for cell in sheet[5]] == ["指标", "2024年第一季度", "2024年第二季度", "合计"]
    body = await api.json("/api/v1/statistics/disputes/periods", org_id=str(s.s1), period="2024H1")
    expected = transposed([*(column(p["figures"]) for p in body["periods"]), column(body["total"])])
    found = []
    for row in sheet.iter_rows(min_row=6):
        label = str(row[0].value)
        money, percent = label in MONEY_LINES, label in RATE_LINES
        for cell in row[1:]:
            if money:
                assert cell.number_format == "0.00", label
            if percent:
                assert cell.number_format == "0.0", label
        found.append([label, *(shown(c.value, money, percent) for c in row[1:])])
    assert found == expected
    closure = next(row for row in sheet.iter_rows(min_row=6) if row[0].value == "办结率(%)")
    assert [cell.value for cell in closure[1:]] == [80, 125, 100]


async def test_a_name_like_a_formula_stays_text_and_scope_applies(api: Api) -> None:
    s, bus = api.street, api.world.bus
    renamed = m.UnionRenamed(org_id=s.a, occurred_on=date(2024, 1, 1),
                             name='=HYPERLINK("http://x","点我")')  # fmt: skip
    await bus.publish(envelope(renamed, s.a, 2))
    await api.world.drain()
    query = {"org_id": str(s.s1), "period": "2024Q1"}
    text = (await api.get(EXPORT, format="csv", **query)).content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header[1] == '\'=HYPERLINK("http://x","点我")'
    sheet = load_workbook(io.BytesIO((await api.get(EXPORT, **query)).content)).active
    assert sheet is not None
    assert sheet["B5"].data_type == "s"  # the header, below the title and the form's lines
    assert sheet["B5"].quotePrefix
    out_of_scope = await api.get(EXPORT, "mediator", s.a, format="csv", **query)
    assert out_of_scope.status_code == 404
    wrong_role = await api.get(EXPORT, "assistance_officer", s.s1, **query)
    assert wrong_role.status_code == 403
    as_of = await api.get(EXPORT, org_id=str(s.b), period="2024H1", as_of="2024-04-15")
    sheet = load_workbook(io.BytesIO(as_of.content)).active
    assert sheet is not None
    assert (
        sheet["A1"].value == "石鼓路社区工联会 2024年上半年（截至2024年4月15日） 劳动争议调解统计表"
    )
    # No children under B but its joint union: the union's column, then 合计.
    assert [cell.value for cell in sheet[5]][-1] == "合计"
