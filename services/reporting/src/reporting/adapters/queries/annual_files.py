"""An annual report table as an XLSX form (merged headings, form header, print setup) or CSV.

Cells are written through the kit's :mod:`shared.exports`, as for the other exports.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from shared.exports import csv_bytes, write_cell

from reporting.adapters.queries.report_files import SHEET_TITLE, print_setup, write_title
from reporting.domain.annual_figures import Figure
from reporting.domain.annual_report import AnnualTable, spans
from reporting.domain.report_form import FormHeader

UNDEFINED_RATE = "—"
_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def shown(table: AnnualTable, figures: dict[str, Figure], row: str, column: str) -> object:
    """What the form shows at (row, column): the figure, ``—`` for an undefined rate, or
    nothing for a blank."""
    cell = table.at(row, column)
    if cell is None:
        return None
    value = figures[cell.key]
    return UNDEFINED_RATE if value is None else value


def annual_csv(table: AnnualTable, figures: dict[str, Figure]) -> bytes:
    """One line of headings (group·label), then one line per row; blanks stay empty."""
    headers: list[object] = ["分类", "项目"]
    headers += [f"{c.group}·{c.label}" if c.group else c.label for c in table.columns]
    lines: list[list[object]] = [headers]
    for row in table.rows:
        values = [shown(table, figures, row.key, c.key) for c in table.columns]
        lines.append([row.group or "", row.label, *("" if v is None else v for v in values)])
    return csv_bytes(lines)


def annual_xlsx(
    table: AnnualTable, figures: dict[str, Figure], title: str, form: FormHeader
) -> bytes:
    """The table in its layout under ``title`` and the form's header lines."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = SHEET_TITLE
    heads = 2 if any(row.group for row in table.rows) else 1
    width = heads + len(table.columns)
    top = write_title(sheet, title, width, form)
    depth = 2 if any(column.group for column in table.columns) else 1
    _write_headings(sheet, table, top, heads, depth)
    first = top + depth
    _write_row_headings(sheet, table, first, heads)
    for line, row in enumerate(table.rows, start=first):
        for position, column in enumerate(table.columns, start=heads + 1):
            value = shown(table, figures, row.key, column.key)
            cell = write_cell(sheet, line, position, value)
            cell.border = _GRID
            cell.alignment = Alignment(horizontal="right" if value is not None else "center")
            if isinstance(value, Decimal):
                cell.number_format = "0.00" if column.key == "amount" else "0.0"
    for position in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(position)].width = 22 if position <= heads else 13
    sheet.freeze_panes = f"{get_column_letter(heads + 1)}{first}"
    print_setup(sheet, first - 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _heading(sheet: Worksheet, row: int, column: int, text: str, bold: bool = True) -> None:
    cell = write_cell(sheet, row, column, text)
    cell.font = Font(bold=bold)
    cell.alignment = _CENTRE
    cell.border = _GRID


def _write_headings(sheet: Worksheet, table: AnnualTable, top: int, heads: int, depth: int) -> None:
    """``项目`` over the row headings, then each column group merged over its columns, a
    column without a group merged down both heading rows."""
    _heading(sheet, top, 1, "项目")
    sheet.merge_cells(start_row=top, start_column=1, end_row=top + depth - 1, end_column=heads)
    for group, first, last in spans(table.columns):
        start, end = heads + 1 + first, heads + 1 + last
        if group is None:
            _heading(sheet, top, start, table.columns[first].label)
            if depth == 2:
                sheet.merge_cells(
                    start_row=top, start_column=start, end_row=top + 1, end_column=end
                )
            continue
        _heading(sheet, top, start, group)
        sheet.merge_cells(start_row=top, start_column=start, end_row=top, end_column=end)
        for offset in range(first, last + 1):
            _heading(sheet, top + 1, heads + 1 + offset, table.columns[offset].label)


def _write_row_headings(sheet: Worksheet, table: AnnualTable, first: int, heads: int) -> None:
    """A row group merged down its rows in the first column; a row without a group spans both
    heading columns."""
    for group, start, end in spans(table.rows):
        if group is not None:
            _heading(sheet, first + start, 1, group)
            sheet.merge_cells(
                start_row=first + start, start_column=1, end_row=first + end, end_column=1
            )
            for offset in range(start, end + 1):
                _heading(sheet, first + offset, 2, table.rows[offset].label, bold=False)
            continue
        _heading(sheet, first + start, 1, table.rows[start].label)
        if heads == 2:
            sheet.merge_cells(
                start_row=first + start, start_column=1, end_row=first + start, end_column=2
            )
