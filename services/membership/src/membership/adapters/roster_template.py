"""The roster template (花名册模板) cadres download, fill in and upload again.

Written through the kit's :mod:`shared.exports`, as every file the platform hands out.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from shared.exports import csv_bytes, write_cell
from shared.identifiers import make_id_number

from membership.adapters.roster_reader import FIELDS, REQUIRED_FIELDS
from membership.service_layer.roster_rows import COLUMN_LABELS

TEMPLATE_ROWS = 2000
"""Rows offered the 户口性质 drop-down list in the XLSX template."""
INSTRUCTIONS = (
    "填写说明",
    "1. 第一行为表头，请勿修改；从第二行起每行一名职工，示例行请删除后再导入。",
    "2. 必填：姓名、身份证号（18位，末位可为X）、户口性质（农业 或 非农业）。",
    "3. 选填：手机号（11位大陆手机号）、入会日期（如 2024-03-01，不填则为导入当天）、会员证号。",
    "4. 身份证号列须为文本格式，否则 Excel 会把号码改成科学计数法而丢失末几位。",
    "5. 已在其他基层工会有会籍的人员不能重复入会，请办理会籍接转。",
)
_TEXT_FIELDS = ("id_number", "mobile", "card_number")


def example_row() -> list[str]:
    """One filled-in row with a valid (generated) ID number."""
    return [
        "张三",
        make_id_number("440303", date(1990, 3, 7), 12, "male"),
        "13800138000",
        "农业",
        "2024-03-01",
        "HY-0001",
    ]


def template_csv() -> bytes:
    """UTF-8 with a BOM, which Excel needs to show Chinese headers correctly."""
    return csv_bytes([[COLUMN_LABELS[field] for field in FIELDS], example_row()])


def template_xlsx() -> bytes:
    """A 花名册 sheet with text-formatted ID columns and a 户口性质 list, plus instructions."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "花名册"
    _write_line(sheet, 1, [COLUMN_LABELS[field] for field in FIELDS])
    _write_line(sheet, 2, example_row())
    for position, field in enumerate(FIELDS, start=1):
        header = sheet.cell(row=1, column=position)
        header.font = Font(bold=True, color="C00000" if field in REQUIRED_FIELDS else None)
        # Column styles (not styled empty cells) so the sheet holds no phantom rows.
        column = sheet.column_dimensions[get_column_letter(position)]
        column.width = 22 if field == "id_number" else 14
        if field in _TEXT_FIELDS:
            column.number_format = "@"
        elif field == "joined_on":
            column.number_format = "yyyy-mm-dd"
    household = DataValidation(type="list", formula1='"农业,非农业"', allow_blank=False)
    household_column = get_column_letter(FIELDS.index("household_type") + 1)
    household.add(f"{household_column}2:{household_column}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(household)
    notes = workbook.create_sheet("填写说明")
    for number, line in enumerate(INSTRUCTIONS, start=1):
        write_cell(notes, number, 1, line)
    notes.column_dimensions["A"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_line(sheet: Worksheet, line: int, values: list[str]) -> None:
    for position, value in enumerate(values, start=1):
        write_cell(sheet, line, position, value)
