"""The training export read back (CSV and XLSX): indicators as rows, children or quarters as
columns, equal to the JSON API; formula-like names stay text."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any
from urllib.parse import unquote
from uuid import uuid4

import pytest
from openpyxl import load_workbook
from shared.contracts import membership as m
from shared.outbox import PendingEvent
from shared.outbox.writer import to_cloud_event

from .training_world import STATISTICS, TrainingApi, training_api, training_world

pytestmark = pytest.mark.integration
__all__ = ["training_api", "training_world"]
EXPORT = f"{STATISTICS}/export"
KINDS = ("skills", "pre_job", "reemployment", "safety", "legal", "union_cadre", "women", "other")
STATUSES = ("laid_off", "migrant", "graduate", "hardship", "other")


def rate(value: str | None) -> str:
    return "—" if value is None else value


def column(view: dict[str, Any]) -> list[str]:
    """One column of the table, from the JSON figures, in the table's row order."""
    c, e = view["courses"], view["employment"]
    three, six = e["follow_ups"]
    values = [
        c["classes"], *(c["classes_by_kind"][k] for k in KINDS), c["classes_cancelled"],
        c["seats_taken"], c["withdrawn"], c["trainees"], c["completed"], c["certified"],
        c["competition_entries"], rate(c["attendance_rate"]),
        e["fairs"], e["fair_employers"], e["fair_positions"], e["fair_seekers"],
        e["fair_registered"], e["fair_walk_ins"], e["postings"], e["posting_positions"],
        e["registrations"], *(e["seekers_by_status"][k] for k in STATUSES),
        e["placements"], e["reemployed"],
        three["followed"], three["still_employed"], rate(three["rate"]),
        six["followed"], six["still_employed"], rate(six["rate"]),
    ]  # fmt: skip
    return [str(value) for value in values]


def columns_of(rows: list[list[str]]) -> list[list[str]]:
    return [[row[j] for row in rows] for j in range(1, len(rows[0]))]


async def test_csv_by_community_equals_the_json_breakdown(training_api: TrainingApi) -> None:
    s = training_api.street
    query = {"org_id": str(s.s1), "period": "2024H1"}
    response = await training_api.get(EXPORT, "training_coordinator", s.s1, format="csv", **query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["指标", "汉中门社区工联会", "石鼓路社区工联会", "合计"]
    body = await training_api.json(f"{STATISTICS}/children", **query)
    expected = [*(column(child) for child in body["children"]), column(body["total"])]
    assert columns_of(lines[1:]) == expected
    cells = {line[0].strip("　"): line[1:] for line in lines[1:]}
    assert cells["培训人次"] == ["8", "4", "12"]
    assert cells["求职人数"] == ["0", "15", "122"]  # the street's own fairs only in 合计
    assert cells["3个月仍在岗率(%)"] == ["100.0", "33.3", "50.0"]
    assert cells["出勤率(%)"] == ["86.7", "100.0", "89.5"]


async def test_xlsx_by_quarter_with_an_as_of_date(training_api: TrainingApi) -> None:
    s = training_api.street
    query = {"org_id": str(s.s1), "period": "2024H1", "as_of": "2024-04-30"}
    response = await training_api.get(EXPORT, "auditor", s.district, format="xlsx",
                                      columns="quarters", **query)  # fmt: skip
    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="training-2024-01-01-2024-04-30.xlsx"')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == (
        "新街口街道总工会2024年上半年（截至2024年4月30日）职工培训与就业统计表.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet["A1"].value == (
        "新街口街道总工会 2024年上半年（截至2024年4月30日） 职工培训与就业统计表"
    )
    assert [cell.value for cell in sheet[2] if cell.value] == [
        "表号：工培统1表",
        "填报单位：新街口街道总工会",
    ]
    assert [cell.value for cell in sheet[5]] == [
        "指标", "2024年第一季度", "2024年4月", "合计",  # Q2 cut at the as-of date
    ]  # fmt: skip
    # Rates are numbers shown with one decimal; the rest are integers.
    rows = [
        [
            f"{c.value:.1f}" if c.number_format == "0.0" and c.data_type == "n" else str(c.value)
            for c in row
        ]
        for row in sheet.iter_rows(min_row=6)
    ]
    q1 = await training_api.figures(s.s1, period="2024Q1")
    april = await training_api.figures(s.s1, date_from="2024-04-01", date_to="2024-04-30")
    whole = await training_api.figures(s.s1, period="2024H1", as_of="2024-04-30")
    assert columns_of(rows) == [column(q1), column(april), column(whole)]
    trainees = next(row for row in sheet.iter_rows(min_row=6) if row[0].value == "培训人次")
    assert [cell.value for cell in trainees[1:]] == [9, 4, 13]  # numbers, not text


async def test_formula_like_names_stay_text_and_scope_applies(training_api: TrainingApi) -> None:
    s = training_api.street
    hostile = '=HYPERLINK("http://evil.example","点此")'
    founded = m.UnionFounded(org_id=uuid4(), occurred_on=date(2020, 1, 1), parent_id=s.s1,
                             kind="community_federation", name=hostile)  # fmt: skip
    bus = training_api.world.bus
    await bus.publish(to_cloud_event(PendingEvent(founded, str(founded.org_id), 1), "membership"))
    await training_api.world.drain()
    query = {"org_id": str(s.s1), "period": "2024H1"}
    text = (await training_api.get(EXPORT, format="csv", **query)).content.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text)))[1] == "'" + hostile
    book = (await training_api.get(EXPORT, format="xlsx", **query)).content
    sheet = load_workbook(io.BytesIO(book)).active
    assert sheet is not None
    header = sheet.cell(row=5, column=2)  # below the title and the form's three lines
    assert (header.value, header.data_type, header.quotePrefix) == (hostile, "s", True)
    refused = await training_api.get(EXPORT, "assistance_officer", s.s1, **query)
    assert refused.status_code == 403
    bad = await training_api.get(EXPORT, columns="months", **query)
    assert bad.status_code == 422
    too_wide = await training_api.get(EXPORT, columns="quarters", org_id=str(s.s1),
                                      date_from="2022-01-01", date_to="2024-03-31")  # fmt: skip
    assert too_wide.status_code == 422
    assert too_wide.json()["errors"][0]["field"] == "columns"
