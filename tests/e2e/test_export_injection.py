"""Organisations named like formulas are founded through membership's API and exported by
reporting: the CSV quotes them, the XLSX holds them as text, the figures stay right."""

from __future__ import annotations

import asyncio
import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook
from shared.identifiers import make_uscc

from .conftest import Platform
from .test_admit_to_report import created, found

pytestmark = pytest.mark.integration

PATIENCE_SECONDS = 8.0
STREET = "=1+1街道总工会"  # the exported organisation itself: its name is in the XLSX title
CHILDREN = {
    # as sent: membership strips surrounding blanks, so the tab-led name is stored from "="
    '=HYPERLINK("http://x","y")': 11,
    "+SUM(1,1)": 12,
    "-2+3": 13,
    "@SUM(A1)": 14,
    "\t=2+3": 15,
}
STORED = {name.strip(): workers for name, workers in CHILDREN.items()}
PERIOD = {"period": "2024"}


def workers_by_name(breakdown: dict[str, Any]) -> dict[str, int]:
    return {child["name"]: child["stock"]["workers"] for child in breakdown["children"]}


async def plant_street(platform: Platform) -> str:
    """A street under a city, with one community per hostile name, each with an employer."""
    city = await found(platform, "city_federation", "南京市总工会", None)
    district = await found(platform, "district_federation", "秦淮区总工会", city)
    street = await found(platform, "street_federation", STREET, district)
    for seq, (name, workers) in enumerate(CHILDREN.items(), start=1):
        community = await found(platform, "community_federation", name, street)
        await created(
            platform.membership,
            "/api/v1/employers",
            {
                "uscc": make_uscc(f"91320100MA{seq:07d}"),
                "name": f"单位{seq}",
                "registration_type": "173",
                "industry": "制造业",
                "territory_org_id": community,
                "census": {
                    "workers": workers,
                    "women": 1,
                    "migrant_workers": 1,
                    "effective_on": "2024-01-01",
                },
            },
        )
    return street


async def breakdown_once_projected(platform: Platform, street: str) -> dict[str, Any]:
    """The street's per-child figures, polled until reporting shows every child's census."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE_SECONDS
    while True:
        response = await platform.reporting.get(
            "/api/v1/statistics/children", params={"org_id": street, **PERIOD}
        )
        assert response.status_code in (200, 404), response.text
        body: dict[str, Any] = response.json()
        if response.status_code == 200 and workers_by_name(body) == STORED:
            return body
        if loop.time() > deadline:
            pytest.fail(f"reporting did not apply the censuses within {PATIENCE_SECONDS:g} s")
        await asyncio.sleep(0.05)


async def test_formula_like_names_are_exported_as_text(platform: Platform) -> None:
    street = await plant_street(platform)
    breakdown = await breakdown_once_projected(platform, street)
    assert breakdown["total"]["stock"]["workers"] == sum(CHILDREN.values())

    csv_export = await platform.reporting.get(
        "/api/v1/statistics/export", params={"org_id": street, "format": "csv", **PERIOD}
    )
    xlsx_export = await platform.reporting.get(
        "/api/v1/statistics/export", params={"org_id": street, "format": "xlsx", **PERIOD}
    )

    assert csv_export.status_code == 200, csv_export.text
    header, *rows = list(csv.reader(io.StringIO(csv_export.content.decode("utf-8-sig"))))
    column = header.index("职工数")
    csv_workers = {row[0]: int(row[column]) for row in rows}
    assert csv_workers == {
        **{"'" + name: count for name, count in STORED.items()},
        "本级": 0,  # no employer lies at the street itself
        "合计": sum(CHILDREN.values()),
    }

    assert xlsx_export.status_code == 200, xlsx_export.text
    sheet = load_workbook(io.BytesIO(xlsx_export.content)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    title = sheet.cell(row=1, column=1)
    assert str(title.value).startswith(STREET)
    assert title.data_type == "s"
    # The form's header lines name the street too, behind their labels: text, never a formula.
    assert sheet.cell(row=2, column=1).value == "表号：工组统1表"
    assert f"填报单位：{STREET}" in [cell.value for cell in sheet[2]]
    header_row = [cell.value for cell in sheet[5]]
    xlsx_workers = {
        row[0].value: row[header_row.index("职工数")].value for row in sheet.iter_rows(min_row=6)
    }
    assert xlsx_workers == {**STORED, "本级": 0, "合计": sum(CHILDREN.values())}
    for row in sheet.iter_rows(min_row=6):
        assert row[0].data_type == "s"
        assert row[0].quotePrefix == (row[0].value not in ("本级", "合计"))
