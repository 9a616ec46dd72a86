"""Exports never carry a live formula: CSV cells behind a quote, XLSX text as strings."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from shared.exports import csv_bytes, csv_cell, is_formula_like, write_cell

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+2", "-3+4", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]
PLAIN = ["新街口街道总工会", "a=b", " =1", "１＋１", ""]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_recognised(text: str) -> None:
    assert is_formula_like(text)
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [*PLAIN, 5, -5, Decimal("-1.5"), None, date(2024, 1, 1)])
def test_other_cells_are_written_as_they_are(value: object) -> None:
    assert not is_formula_like(value)
    assert csv_cell(value) == value


def test_csv_bytes_quotes_formulas_and_keeps_numbers() -> None:
    content = csv_bytes([["组织", "会员数"], ["=1+1", -3], ['=HYPERLINK("http://x","y")', 7]])

    assert content.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["组织", "会员数"], ["'=1+1", "-3"], ['\'=HYPERLINK("http://x","y")', "7"]]


def test_xlsx_text_is_never_a_formula_and_numbers_stay_numbers() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    texts = [*FORMULAS, *PLAIN[:-1]]  # an empty string is an empty cell
    values: list[object] = [*texts, 12, Decimal("66.7"), -4]
    for line, value in enumerate(values, start=1):
        write_cell(sheet, line, 1, value)
    buffer = io.BytesIO()
    workbook.save(buffer)

    for read_only in (False, True):
        read = load_workbook(io.BytesIO(buffer.getvalue()), read_only=read_only)
        cells = [row[0] for row in read.worksheets[0].iter_rows(max_col=1)]
        assert [cell.data_type for cell in cells] == ["s"] * len(texts) + ["n"] * 3
        # XML parsers read a carriage return back as a line feed.
        expected = [text.replace("\r", "\n") for text in texts]
        assert [cell.value for cell in cells] == [*expected, 12, pytest.approx(66.7), -4]
    written = load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]
    # Excel's quote prefix keeps a formula-like cell text even when someone edits it.
    assert all(written.cell(row=n, column=1).quotePrefix for n in range(1, len(FORMULAS) + 1))
    assert not written.cell(row=len(FORMULAS) + 1, column=1).quotePrefix


def test_control_characters_xml_cannot_carry_are_dropped_not_fatal() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None

    cell = write_cell(sheet, 1, 1, "甲\x01乙\x1f丙\t丁")

    assert cell.value == "甲乙丙\t丁"
    workbook.save(io.BytesIO())


def test_writing_inside_a_merged_range_is_refused() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.merge_cells("A1:C1")

    with pytest.raises(ValueError, match="merged"):
        write_cell(sheet, 1, 2, "x")
