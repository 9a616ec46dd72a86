"""The annual report's table declarations: cells on the grid, figures picked from sources."""

from __future__ import annotations

from decimal import Decimal
from typing import get_args

from reporting.domain.annual_figures import AnnualSources, figure
from reporting.domain.annual_report import Heading, Indicator, spans
from reporting.domain.annual_tables import annual_tables
from reporting.domain.employer_breakdown import Cell, EmployerFigures
from reporting.entrypoints.api.annual_report import TableCode

BANDS = (25, 50, 100, 200, 500, 1000)


def test_every_cell_lies_on_the_grid_once() -> None:
    for table in annual_tables(BANDS).values():
        rows = {row.key for row in table.rows}
        columns = {column.key for column in table.columns}
        keys = [cell.key for cell in table.cells]
        assert len(keys) == len(set(keys)), table.code
        assert all(c.row in rows and c.column in columns for c in table.cells), table.code
    forms = [table.form_number for table in annual_tables(BANDS).values()]
    assert forms == [f"工年统{n}表" for n in range(1, 8)]


def test_the_routes_accept_every_table_code_and_no_other() -> None:
    assert get_args(TableCode) == tuple(annual_tables(BANDS))


def test_groups_run_over_consecutive_headings_only() -> None:
    headings = (Heading("a", "A"), Heading("b", "B", "g"), Heading("c", "C", "g"),
                Heading("d", "D"), Heading("e", "E"))  # fmt: skip
    assert spans(headings) == [(None, 0, 0), ("g", 1, 2), (None, 3, 3), (None, 4, 4)]


def test_employer_cells_filter_by_class_band_and_scope() -> None:
    cells = [
        Cell("private", 2, EmployerFigures(employers=2, workers=130, covered_employers=1)),
        Cell("public_sector", 3, EmployerFigures(employers=1, workers=120, covered_employers=1)),
        Cell(None, None, EmployerFigures(employers=1)),
    ]
    sources = AnnualSources(employer_cells=cells)
    assert figure(Indicator("employers", "employers"), sources) == 4
    enterprises = (("scope", "enterprises"),)
    assert figure(Indicator("employers", "coverage_rate", enterprises), sources) == Decimal("50.0")
    assert figure(Indicator("employers", "employers", (("band", "unknown"),)), sources) == 1
    assert figure(Indicator("employers", "workers", (("band", 3),)), sources) == 120
    unknown_class = (("ownership_class", "unknown"),)
    assert figure(Indicator("employers", "coverage_rate", unknown_class), sources) == Decimal("0.0")
    assert figure(Indicator("employers", "coverage_rate", (("band", 0),)), sources) is None
    assert Indicator("employers", "coverage_rate").kind == "ratio"
    assert Indicator("employers", "workers").kind == "sum"
    assert Indicator("aid", "payments").kind == "count"
