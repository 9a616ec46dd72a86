"""Reading a sign-in sheet (签到表) from CSV or XLSX into numbered text rows.

The header row (within the first ten lines: sheets often carry a title above it) names the
columns; only 身份证号 and 考勤 are needed, 姓名 is read when present (never stored). An XLSX
file passes the kit's zip checks before it is opened, and openpyxl parses it through
defusedxml; the first worksheet is streamed in read-only mode.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from openpyxl import load_workbook
from shared.uploads import ArchiveLimits, ArchiveTooLarge, check_archive

HEADER_SEARCH_ROWS = 10
_ALIASES = {
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证", "id_number"),
    "mark": ("考勤", "出勤情况", "签到", "考勤情况", "mark"),
    "name": ("姓名", "学员姓名", "name"),
}
_HEADER_TO_FIELD = {alias: field for field, aliases in _ALIASES.items() for alias in aliases}
_NOISE = re.compile(r"[*\s]|\(.*?\)|（.*?）")
_ZIP_MAGIC = b"PK\x03\x04"


class SheetRow(NamedTuple):
    """One data row as the user numbers it in the sheet (the header is normally row 1)."""

    row: int
    id_number: str
    mark: str


class UnreadableSheet(Exception):
    """The file cannot be read as a sign-in sheet; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_sheet(filename: str, content: bytes, limits: ArchiveLimits) -> list[SheetRow]:
    """Every data row of the sheet (blank rows skipped).

    Raises:
        UnreadableSheet: not CSV or XLSX, damaged, too large unpacked, or a column missing.
    """
    records: list[Sequence[Any]]
    if content.startswith(_ZIP_MAGIC) or filename.lower().endswith(".xlsx"):
        records = list(_xlsx_records(content, limits))
    elif filename.lower().endswith((".csv", ".txt")) or not content.startswith(b"\xd0\xcf"):
        records = list(csv.reader(io.StringIO(_decode(content))))
    else:
        raise UnreadableSheet("请上传 .xlsx 或 .csv 文件（旧版 .xls 请先另存为 .xlsx）")
    return list(_rows(records))


def _rows(records: Sequence[Sequence[Any]]) -> Iterator[SheetRow]:
    header_at, columns = _header(records)
    for index, record in enumerate(records[header_at + 1 :], start=header_at + 2):
        cells = [_text(record[i]) if i < len(record) else "" for i in range(len(record))]
        id_number = cells[columns["id_number"]] if columns["id_number"] < len(cells) else ""
        mark = cells[columns["mark"]] if columns["mark"] < len(cells) else ""
        if id_number or mark:
            yield SheetRow(index, id_number, mark)


def _header(records: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]]:
    for at, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for i, cell in enumerate(record):
            field = _HEADER_TO_FIELD.get(_NOISE.sub("", _text(cell)))
            if field is not None:
                columns.setdefault(field, i)
        if "id_number" in columns and "mark" in columns:
            return at, columns
    raise UnreadableSheet("签到表缺少“身份证号”或“考勤”列")


def _xlsx_records(content: bytes, limits: ArchiveLimits) -> list[tuple[Any, ...]]:
    try:
        check_archive(content, limits)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ArchiveTooLarge as error:
        raise UnreadableSheet(error.message) from None
    except Exception:
        raise UnreadableSheet("无法读取该 Excel 文件，请确认是 .xlsx 格式且未加密") from None
    try:
        return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    except Exception:
        raise UnreadableSheet("文件内容已损坏，读取中断") from None
    finally:
        workbook.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableSheet("无法识别文件编码，请另存为 UTF-8 的 CSV")
