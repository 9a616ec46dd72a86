"""Spreadsheets the platform writes (CSV and XLSX), safe to open: no cell becomes a formula.

Text in an export comes from users (an organisation's name, a person's name). A spreadsheet
program reads text starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return
before one) as a formula, so a name like ``=HYPERLINK("http://x","y")`` would run when the file
is opened (CSV injection). Following the OWASP guidance, every export goes through this module:

- CSV: such a text cell is written with a leading single quote (``'=HYPERLINK(…)``), which
  spreadsheet programs show as text; numbers are written as they are.
- XLSX: every text cell is written with the string data type, never as a formula, and a
  formula-like one also carries Excel's quote prefix, so editing the cell keeps it text.
  Characters XML 1.0 cannot carry (control characters) are dropped instead of failing the file.

Usage::

    content = csv_bytes([headers, *rows])
    cell = write_cell(sheet, row=3, column=1, value=name)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "FORMULA_TRIGGERS",
    "csv_bytes",
    "csv_cell",
    "is_formula_like",
    "write_cell",
    "xlsx_text",
]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet program treat a text cell as a formula (OWASP)."""
CSV_ESCAPE = "'"
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters XML 1.0 cannot carry; openpyxl refuses a cell holding one."""


def is_formula_like(value: object) -> bool:
    """Whether ``value`` is text a spreadsheet program would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_cell(value: Any) -> Any:
    """``value`` as a CSV export writes it: formula-like text behind a single quote."""
    return CSV_ESCAPE + value if is_formula_like(value) else value


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """The rows as CSV in UTF-8 with a BOM (which Excel needs for Chinese text), CRLF lines,
    every cell neutralised by :func:`csv_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_text(value: str) -> str:
    """Text an XLSX cell can hold: the control characters XML 1.0 forbids removed."""
    return _XML_ILLEGAL.sub("", value)


def write_cell(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write ``value`` to the cell at (``row``, ``column``); text always as a string.

    Numbers, dates and ``None`` are written as openpyxl would. Text is written with the
    string data type (openpyxl would make text starting with ``=`` a formula), formula-like
    text with the quote prefix too.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(cell, MergedCell):
        raise ValueError(f"({row}, {column}) lies inside a merged range; write its first cell")
    if not isinstance(value, str):
        cell.value = value
        return cell
    text = xlsx_text(value)
    cell.value = text
    cell.data_type = "s"  # after the value: assigning text starting with = would make it "f"
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell
