"""Reading rosters: CSV encodings and dialects, XLSX cells, header mapping, templates."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime

import pytest
from membership.adapters.roster_reader import (
    MissingColumns,
    RawRow,
    RosterFile,
    RosterFormat,
    UnreadableRoster,
    UnsupportedFileType,
    detect_format,
)
from membership.adapters.roster_template import template_csv, template_xlsx
from openpyxl import Workbook, load_workbook
from shared.identifiers import validate_id_number

ID_A = "11010119900307123X"
ID_B = "440303199505170026"


def xlsx(*rows: Sequence[object]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for values in rows:
        sheet.append(list(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(filename: str, content: bytes) -> tuple[RosterFile, list[RawRow]]:
    with RosterFile.open(filename, content) as roster:
        return roster, list(roster.rows())


def test_utf8_csv_with_chinese_headers_numbers_rows_as_the_sheet_does() -> None:
    text = (
        "姓名,身份证号,手机号,户口性质,入会日期,会员证号\n"
        "张三,11010119900307123X,13812345678,农业,2024/3/1,HY-1\n"
        ",,,,,\n"
        "李四, 440303199505170026 ,,城镇,,\n"
    )
    roster, rows = read("花名册.csv", text.encode("utf-8-sig"))
    assert roster.format is RosterFormat.CSV
    assert rows == [
        RawRow(2, "张三", ID_A, "13812345678", "农业", "2024/3/1", "HY-1"),
        RawRow(4, "李四", ID_B, "", "城镇", "", ""),
    ]
    assert roster.estimated_rows == 3


def test_gbk_csv_from_excel_is_decoded() -> None:
    text = "姓名,身份证号,户口性质\r\n王五,11010119900307123X,非农业户口\r\n"
    _, rows = read("roster.csv", text.encode("gb18030"))
    assert rows == [RawRow(2, "王五", ID_A, "", "非农业户口", "", "")]


def test_utf16_tab_separated_text_is_read() -> None:
    text = "姓名\t身份证号\t户口性质\n赵六\t11010119900307123X\t农业\n"
    _, rows = read("roster.txt", text.encode("utf-16"))
    assert rows == [RawRow(2, "赵六", ID_A, "", "农业", "", "")]


def test_english_headers_any_column_order_and_unknown_columns() -> None:
    text = (
        "remark,household_type,id_number,name,card_number,joined_on,mobile\n"
        "x,agricultural,11010119900307123X,Zhang San,C9,2024-03-01,13812345678\n"
    )
    _, rows = read("roster.csv", text.encode())
    assert rows == [RawRow(2, "Zhang San", ID_A, "13812345678", "agricultural", "2024-03-01", "C9")]


def test_title_line_and_decorated_headers_are_recognised() -> None:
    text = "某某公司职工花名册,,,\n序号,*姓 名,身份证号码（必填）,户籍性质\n1,孙七,11010119900307123X,农业\n"
    roster, rows = read("roster.csv", text.encode())
    assert roster.header_line == 2
    assert rows == [RawRow(3, "孙七", ID_A, "", "农业", "", "")]


def test_missing_required_columns_are_named_in_chinese() -> None:
    with pytest.raises(MissingColumns) as caught:
        RosterFile.open("roster.csv", "姓名,手机号\n张三,13812345678\n".encode())
    assert caught.value.labels == ("身份证号", "户口性质")


def test_xlsx_cells_become_text_dates_iso_and_whole_numbers_without_decimals() -> None:
    content = xlsx(
        ["姓名", "身份证号", "手机号", "户口性质", "入会日期", "会员证号"],
        ["张三", ID_A, 13812345678, "农业", datetime(2024, 3, 1), 1001.0],
        [None, None, None, None, None, None],
        ["李四", ID_B, None, "非农业", date(2023, 12, 31), None],
        ["王五", ID_B, None, "农业", 45352, None],
        ["赵六", 110101199003071234, None, "农业", None, None],  # an ID typed as a number
    )
    roster, rows = read("roster.xlsx", content)
    assert roster.format is RosterFormat.XLSX
    assert rows == [
        RawRow(2, "张三", ID_A, "13812345678", "农业", "2024-03-01", "1001"),
        RawRow(4, "李四", ID_B, "", "非农业", "2023-12-31", ""),
        RawRow(5, "王五", ID_B, "", "农业", "45352", ""),
        RawRow(6, "赵六", "1.10101199003071E+17", "", "农业", "", ""),
    ]
    assert roster.estimated_rows == 5


def test_xlsx_rows_beyond_a_wrong_recorded_dimension_are_still_read() -> None:
    content = xlsx(["姓名", "身份证号", "户口性质"], *[[f"人{i}", ID_A, "农业"] for i in range(5)])
    source = zipfile.ZipFile(io.BytesIO(content))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:C2"', data)
            target.writestr(item, data)
    _, rows = read("roster.xlsx", patched.getvalue())
    assert [row.line for row in rows] == [2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)),
        ("report.pdf", b"%PDF-1.7\n"),
        ("letter.docx", b"PK\x03\x04" + bytes(64)),
        ("picture", b"\x89PNG\r\n\x1a\n\x00\x00"),
    ],
)
def test_other_file_types_are_unsupported(filename: str, content: bytes) -> None:
    with pytest.raises(UnsupportedFileType):
        detect_format(filename, content)


def test_damaged_xlsx_is_unreadable() -> None:
    with pytest.raises(UnreadableRoster, match="Excel"):
        RosterFile.open("roster.xlsx", b"PK\x03\x04" + b"not really a zip" * 8)


def test_both_templates_read_back_to_one_valid_example_row() -> None:
    for filename, content in (("t.csv", template_csv()), ("t.xlsx", template_xlsx())):
        roster, rows = read(filename, content)
        assert roster.columns == {
            "name": 0,
            "id_number": 1,
            "mobile": 2,
            "household_type": 3,
            "joined_on": 4,
            "card_number": 5,
        }
        [example] = rows
        assert example.line == 2
        assert validate_id_number(example.id_number).sex == "male"
    assert template_csv().startswith(b"\xef\xbb\xbf\xe5\xa7\x93\xe5\x90\x8d")  # BOM, then 姓名
    sheet = load_workbook(io.BytesIO(template_xlsx())).worksheets[0]
    assert sheet.column_dimensions["B"].number_format == "@"  # ID numbers stay text in Excel
