"""Import templates (导入模板) a cadre downloads, fills in and uploads again.

Written through :mod:`shared.exports`, as every file the platform hands out: the header row
with the columns' Chinese labels (required ones in red), one example row, text-formatted
columns where Excel would mangle digits (ID numbers), and a sheet of instructions.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from shared.exports import csv_bytes, write_cell
from shared.imports.cells import SheetColumns

__all__ = ["template_csv", "template_xlsx"]


def template_csv(columns: SheetColumns, example: Sequence[str]) -> bytes:
    """The header and the example row, UTF-8 with a BOM (which Excel needs for Chinese)."""
    return csv_bytes([list(columns.labels.values()), list(example)])


def template_xlsx(
    title: str,
    columns: SheetColumns,
    example: Sequence[str],
    instructions: Sequence[str],
    *,
    text_fields: Sequence[str] = (),
) -> bytes:
    """A sheet named ``title`` with the header and example, plus a 填写说明 sheet.

    Args:
        text_fields: columns formatted as text, so Excel keeps long digit strings whole.
    """
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = title
    for position, (field, label) in enumerate(columns.labels.items(), start=1):
        header = write_cell(sheet, 1, position, label)
        header.font = Font(bold=True, color="C00000" if field in columns.required else None)
        write_cell(sheet, 2, position, example[position - 1])
        # Column styles (not styled empty cells) so the sheet holds no phantom rows.
        column = sheet.column_dimensions[get_column_letter(position)]
        column.width = 24 if field in text_fields else 16
        if field in text_fields:
            column.number_format = "@"
    notes = workbook.create_sheet("填写说明")
    for number, line in enumerate(("填写说明", *instructions), start=1):
        write_cell(notes, number, 1, line)
    notes.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
