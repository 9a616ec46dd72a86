"""A report table whose rows are indicators, written as a formatted XLSX workbook.

The mediation report (劳动争议调解统计表) lists its indicators down the first column and the
organisations or periods across, 合计 last; so number formats go by row (rates ``0.0``, yuan
``0.00``) and the last column is bold. Cells are written through the kit's
:mod:`shared.exports`, so an organisation named like a formula stays text. The CSV of such a
table is :func:`reporting.adapters.queries.report_files.table_csv`, as for any table.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from shared.exports import write_cell

from reporting.adapters.queries.report_files import (
    SHEET_TITLE,
    print_setup,
    write_title,
)
from reporting.domain.report_form import ReportForm
from reporting.domain.report_table import ReportTable

_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def indicator_table_xlsx(
    table: ReportTable, row_formats: Mapping[str, str], *, form: ReportForm | None = None
) -> bytes:
    """Title merged over the table, bold frozen header, ``row_formats`` by indicator; ``form``
    adds the report form's header lines between the title and the table."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = SHEET_TITLE
    width = len(table.headers)
    header_row = write_title(sheet, table.title, width, form)
    first_data_row = header_row + 1
    sheet.row_dimensions[header_row].height = 30
    for position, header in enumerate(table.headers, start=1):
        cell = write_cell(sheet, header_row, position, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _GRID
        sheet.column_dimensions[get_column_letter(position)].width = 22 if position == 1 else 16
    for offset, row in enumerate(table.rows):
        _write_row(sheet, first_data_row + offset, row, row_formats.get(str(row[0])))
    # The header and the indicator column stay in view while scrolling.
    sheet.freeze_panes = f"B{first_data_row}"
    print_setup(sheet, header_row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_row(
    sheet: Worksheet, line: int, row: tuple[object, ...], number_format: str | None
) -> None:
    last = len(row)
    for position, value in enumerate(row, start=1):
        cell = write_cell(sheet, line, position, value)
        cell.border = _GRID
        if position == last:
            cell.font = Font(bold=True)
        if position > 1:
            number = isinstance(value, int | Decimal)
            cell.alignment = Alignment(horizontal="right" if number else "center")
            if number and number_format is not None:
                cell.number_format = number_format
