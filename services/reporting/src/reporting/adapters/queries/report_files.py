"""A report table written as CSV (UTF-8 with BOM) or as a formatted XLSX workbook.

Both go through the kit's :mod:`shared.exports`, so an organisation named like a formula
(``=HYPERLINK(…)``) is text in either file, never a live formula.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from shared.exports import csv_bytes, write_cell

from reporting.domain.report_form import FormHeader, ReportForm
from reporting.domain.report_table import RATE_HEADERS, Cell, ReportTable

SHEET_TITLE = "统计表"
TITLE_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3  # without a form; its lines push the rest down
_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def table_csv(table: ReportTable) -> bytes:
    """Header line then one line per row; the BOM makes Excel read the Chinese text as UTF-8.

    The title is left out so the file stays one plain table for any CSV reader.
    """
    return csv_bytes([table.headers, *table.rows])


def table_xlsx(
    table: ReportTable,
    number_formats: Mapping[str, str] | None = None,
    *,
    total_row: bool = True,
    row_formats: Mapping[str, str] | None = None,
    form: ReportForm | None = None,
) -> bytes:
    """Title merged over the table, bold frozen header, rates as numbers shown with one decimal.

    ``number_formats`` maps headers to Excel number formats, instead of the rates' ``0.0``;
    ``row_formats`` maps a row's first cell to the format of its other cells (a table whose
    indicators are rows); ``total_row`` False leaves the last row plain (合计 is a column);
    ``form`` adds the report form's header lines between the title and the table.
    """
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = SHEET_TITLE
    width = len(table.headers)
    header_row = write_title(sheet, table.title, width, form)
    first_data_row = header_row + 1
    sheet.row_dimensions[header_row].height = 45
    for position, header in enumerate(table.headers, start=1):
        cell = write_cell(sheet, header_row, position, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _GRID
        sheet.column_dimensions[get_column_letter(position)].width = 26 if position == 1 else 11
    for offset, row in enumerate(table.rows):
        last = offset == len(table.rows) - 1
        _write_row(sheet, first_data_row + offset, row, total=total_row and last)
    formats = dict.fromkeys(RATE_HEADERS, "0.0") if number_formats is None else number_formats
    for header, number_format in formats.items():
        column = table.headers.index(header) + 1
        for line in range(first_data_row, first_data_row + len(table.rows)):
            sheet.cell(row=line, column=column).number_format = number_format
    for offset, row in enumerate(table.rows):
        if (row_format := (row_formats or {}).get(str(row[0]))) is not None:
            for position in range(2, width + 1):
                sheet.cell(row=first_data_row + offset, column=position).number_format = row_format
    # The header and the organisation column stay in view while scrolling.
    sheet.freeze_panes = f"B{first_data_row}"
    print_setup(sheet, header_row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_title(sheet: Worksheet, title: str, width: int, form: FormHeader | None) -> int:
    """The title merged over ``width`` columns, then the form's lines; the header row after."""
    write_cell(sheet, TITLE_ROW, 1, title)
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=width)
    sheet.cell(row=TITLE_ROW, column=1).font = Font(bold=True, size=14)
    sheet.cell(row=TITLE_ROW, column=1).alignment = Alignment(horizontal="center")
    if form is None:
        return HEADER_ROW
    lines = form.lines()
    for offset, items in enumerate(lines, start=TITLE_ROW + 1):
        for column, item in zip(form_columns(width, len(items)), items, strict=True):
            write_cell(sheet, offset, column, item)
    return HEADER_ROW + len(lines)


def form_columns(width: int, count: int) -> list[int]:
    """Where ``count`` items of a form line start: spread over a table ``width`` wide."""
    step = max(width // count, 1)
    return [1 + index * step for index in range(count)]


def print_setup(sheet: Worksheet, header_row: int) -> None:
    """Landscape A4, one page wide (as long as it takes), the rows above the data repeated on
    every page: the form is printed, signed and filed as paper."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{TITLE_ROW}:{header_row}"
    sheet.print_options.horizontalCentered = True


def _write_row(sheet: Worksheet, line: int, row: tuple[Cell, ...], *, total: bool) -> None:
    for position, value in enumerate(row, start=1):
        cell = write_cell(sheet, line, position, value)
        cell.border = _GRID
        if total:
            cell.font = Font(bold=True)
        if position > 1:
            right = isinstance(value, int | Decimal)
            cell.alignment = Alignment(horizontal="right" if right else "center")
