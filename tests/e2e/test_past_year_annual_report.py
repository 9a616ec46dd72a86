"""The street's 2025 annual report (工年统1–7表), every cell against the hand-written figures.

One scenario for the module, as in ``test_past_year_street`` plus the street's mediation and
its training and employment (``past_year_mediation``, ``past_year_training``): membership,
assistance, disputes, training and reporting in-process on real PostgreSQL and NATS. The street
(含下级) and each community are read for 2025 at the year's end and as of 30 June
(``past_year_annual_expected``); every cell's facts add up to it, a handful are the very
employers, members, contracts, households, cases, contacts, legal aid, classes, seats and
placements the scenario entered, and the XLSX form and the CSV hold the same figures.
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
import pytest_asyncio

from . import past_year_annual_expected as expected
from .past_year_annual_expected import number
from .past_year_scenario import Scenario, built_scenario

READS = [(org, window) for org in expected.ORGS for window in expected.WINDOWS]
SETTLE_SECONDS = 30.0  # an upper bound on a loaded machine; the wait ends once all is in


@pytest_asyncio.fixture(scope="module")
async def scenario(module_database_url: str, module_nats_url: str) -> AsyncIterator[Scenario]:
    async with built_scenario(
        module_database_url, module_nats_url, mediation_and_training=True
    ) as built:
        await settle_mediation_and_training(built)
        yield built


async def settle_mediation_and_training(scenario: Scenario) -> None:
    """Wait until the street's year of tables 6 and 7 holds every fact entered (or the time is
    up: the assertions then show what is missing)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SETTLE_SECONDS
    while loop.time() < deadline:
        held = []
        for code in ("disputes", "training"):
            response = await scenario.services.reporting.get(
                f"/api/v1/annual-report/{code}", params=query(scenario, "street", "2025")
            )
            cells = response.json().get("cells", []) if response.status_code == 200 else []
            held.append({cell["key"]: number(cell["value"]) for cell in cells})
        if held == [expected.cells(code, "street", "2025") for code in ("disputes", "training")]:
            return
        await asyncio.sleep(0.2)


def query(scenario: Scenario, org: str, window: str) -> dict[str, str]:
    """``year=2025``, and ``as_of`` for a date inside it (the year's end is the default)."""
    at = {"as_of": expected.AS_OF[window]} if window != "2025" else {}
    return {"org_id": scenario.org(org), "year": "2025", **at}


async def table(scenario: Scenario, code: str, org: str, window: str) -> dict[str, Any]:
    response = await scenario.services.reporting.get(
        f"/api/v1/annual-report/{code}", params=query(scenario, org, window)
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["stock_date"] == expected.AS_OF[window]
    return body


async def all_facts(
    scenario: Scenario, code: str, cell: str, org: str, window: str
) -> tuple[list[dict[str, Any]], Any]:
    """Every fact of the cell, three a page (so the cursor is followed), and the listed sum."""
    found: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params = {**query(scenario, org, window), "limit": "3"}
        if cursor:
            params["cursor"] = cursor
        response = await scenario.services.reporting.get(
            f"/api/v1/annual-report/{code}/cells/{cell}/facts", params=params
        )
        assert response.status_code == 200, response.text
        page = response.json()
        found += page["facts"]
        cursor = page["next_cursor"]
        if cursor is None:
            assert page["total"] == len(found), cell
            return found, number(page["value_sum"])


@pytest.mark.parametrize(("org", "window"), READS)
async def test_every_cell_of_the_seven_tables(scenario: Scenario, org: str, window: str) -> None:
    for code in expected.TABLES:
        body = await table(scenario, code, org, window)
        got = {cell["key"]: number(cell["value"]) for cell in body["cells"]}
        want = expected.cells(code, org, window)
        assert sorted(got) == sorted(want), code  # a new cell needs its figure written down
        wrong = {key: (got[key], figure) for key, figure in want.items() if got[key] != figure}
        assert wrong == {}, code  # (read, written)


SUBTREES = {"street": ("street", "A", "B", "U0", "U1", "U2", "U3"), "A": ("A", "U1", "U2"),
            "B": ("B", "U3")}  # fmt: skip
"""Each organisation and those under it (U0, the street's 机关 union, is the street's)."""


def subtree(scenario: Scenario, org: str) -> set[str]:
    named = {**scenario.street.unions, **{o: scenario.org(o) for o in ("street", "A", "B")}}
    return {named[key] for key in SUBTREES[org]}


@pytest.mark.parametrize(("org", "window"), READS)
async def test_every_cells_facts_add_up_to_it(scenario: Scenario, org: str, window: str) -> None:
    checked, inside = 0, subtree(scenario, org)
    for code in expected.TABLES:
        for cell in (await table(scenario, code, org, window))["cells"]:
            kind, figure = cell["indicator"]["kind"], number(cell["value"])
            if kind == "ratio":
                continue
            facts, listed_sum = await all_facts(scenario, code, cell["key"], org, window)
            assert len({f["id"] for f in facts}) == len(facts), cell["key"]
            # each fact counts under an organisation of the subtree, on a day up to the stock date
            assert {f["org_id"] for f in facts} <= inside, cell["key"]
            assert all(f["on"] <= expected.AS_OF[window] for f in facts), cell["key"]
            if kind == "sum":
                values = [Decimal(str(f["value"])) for f in facts]
                assert (sum(values, Decimal(0)), listed_sum or 0) == (figure, figure), cell["key"]
            else:
                assert len(facts) == figure, cell["key"]  # a zero cell lists nothing
            checked += 1
    # every cell but the rates: 15 of 工年统1表, 26 groups × 4 of 2表, 16 of 3表, 24 of 4表,
    # 17 of 5表, 7 of 6表 (five counts, two sums of workers), 6 of 7表
    assert checked == 15 + 26 * 4 + 16 + 24 + 17 + 7 + 6


async def test_some_cells_list_the_very_facts_entered(scenario: Scenario) -> None:
    assert scenario.mediation is not None
    assert scenario.training is not None
    named = [*expected.named_facts(scenario.street),
             *expected.named_mediation_and_training_facts(scenario.street, scenario.mediation,
                                                          scenario.training)]  # fmt: skip
    for code, cell, org, window, want in named:
        facts, _ = await all_facts(scenario, code, cell, org, window)
        ids = any(fact[0] is not None for fact in want)
        got = {(f["id"] if ids else None, f["on"], f["org_id"],
                None if f["value"] is None else Decimal(str(f["value"]))) for f in facts}  # fmt: skip
        assert (len(facts), got) == (len(want), want), (code, cell, org, window)


def shown(figure: Any) -> Any:
    """A figure as the form holds it: a rate or yuan as a number, an undefined rate as —."""
    if figure is None:
        return "—"
    return float(figure) if isinstance(figure, Decimal) else figure


@pytest.mark.parametrize(("code", "window"), [("employers", "2025"), ("hardship", "2025H1")])
async def test_the_xlsx_form_holds_the_same_figures(
    scenario: Scenario, code: str, window: str
) -> None:
    body = await table(scenario, code, "street", window)
    response = await scenario.services.reporting.get(
        f"/api/v1/annual-report/{code}", params={**query(scenario, "street", window),
                                                 "format": "xlsx"},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet["A1"].value == f"夫子庙街道总工会 2025年 {body['title']}"
    rows, columns = body["rows"], body["columns"]
    first = next(r for r in range(1, sheet.max_row + 1)
                 if sheet.cell(row=r, column=1).value == rows[0]["label"])  # fmt: skip
    want = expected.cells(code, "street", window)
    for line, row in enumerate(rows, start=first):
        label_at = 2 if row["group"] else 1  # a grouped row: its group merged in column A
        assert sheet.cell(row=line, column=label_at).value == row["label"]
        for position, column in enumerate(columns, start=3):
            key = f"{row['key']}.{column['key']}"
            held = sheet.cell(row=line, column=position).value
            assert held == (shown(want[key]) if key in want else None), key  # a blank stays blank


def as_csv(value: Any) -> str:
    """A JSON cell as the CSV writes it: a count, a rate's or yuan's decimal text, — when a
    rate is undefined."""
    return "—" if value is None else str(value)


@pytest.mark.parametrize(("code", "org", "window"),
                         [("disputes", "B", "2025H1"), ("training", "street", "2025")])  # fmt: skip
async def test_the_csv_holds_the_json_cells(
    scenario: Scenario, code: str, org: str, window: str
) -> None:
    body = await table(scenario, code, org, window)
    response = await scenario.services.reporting.get(
        f"/api/v1/annual-report/{code}", params={**query(scenario, org, window), "format": "csv"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    columns = [f"{c['group']}·{c['label']}" if c["group"] else c["label"] for c in body["columns"]]
    assert lines[0] == ["分类", "项目", *columns]
    assert len(lines) == 1 + len(body["rows"])
    json_cells = {cell["key"]: cell["value"] for cell in body["cells"]}
    for line, row in zip(lines[1:], body["rows"], strict=True):
        assert line[:2] == [row["group"] or "", row["label"]]
        for held, column in zip(line[2:], body["columns"], strict=True):
            key = f"{row['key']}.{column['key']}"
            assert held == (as_csv(json_cells[key]) if key in json_cells else ""), key
    # and they are the hand-written figures (a rate's text read back as the number it is)
    assert {key: number(value) for key, value in json_cells.items()} == expected.cells(
        code, org, window
    )
