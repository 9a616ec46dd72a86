"""Reading an uploaded staff list (花名册) from CSV or XLSX into raw text rows.

Cells come out as stripped text, so validation sees one shape whatever the file type: Excel
dates become ``YYYY-MM-DD``, whole numbers (IDs or mobiles typed into number cells) lose
their ``.0``. Row numbers are those the user sees in the sheet (the header is normally row 1).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from openpyxl import load_workbook

FIELDS = ("name", "id_number", "mobile", "household_type", "joined_on", "card_number")
COLUMN_LABELS = {
    "name": "姓名",
    "id_number": "身份证号",
    "mobile": "手机号",
    "household_type": "户口性质",
    "joined_on": "入会日期",
    "card_number": "会员证号",
}
"""The template's headers, also the column names used in error reports."""
REQUIRED_FIELDS = ("name", "id_number", "household_type")
HEADER_SEARCH_ROWS = 10
"""Sheets often carry a title line (e.g. 某某公司职工花名册) above the header row."""

_ALIASES = {
    "name": ("姓名", "会员姓名", "职工姓名", "name"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证", "id_number"),
    "mobile": ("手机号", "手机号码", "手机", "mobile"),
    "household_type": ("户口性质", "户籍性质", "户口类型", "household_type"),
    "joined_on": ("入会日期", "入会时间", "joined_on"),
    "card_number": ("会员证号", "会员证号码", "会员卡号", "card_number"),
}
_HEADER_TO_FIELD = {alias: field for field, aliases in _ALIASES.items() for alias in aliases}
# Decorations around a header: required-marks and notes such as （必填） or (yyyy-mm-dd).
_HEADER_NOISE = re.compile(r"[*\s]|\(.*?\)")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls, which openpyxl cannot read
_ZIP_MAGIC = b"PK\x03\x04"


class RosterFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class UnsupportedFileType(Exception):
    """Neither CSV nor XLSX (a legacy .xls included)."""


class UnreadableRoster(Exception):
    """The file has the right type but cannot be read; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingColumns(Exception):
    """Required columns are absent; ``labels`` are their Chinese headers."""

    def __init__(self, labels: Sequence[str]) -> None:
        super().__init__("、".join(labels))
        self.labels = tuple(labels)


class RawRow(NamedTuple):
    """One non-blank data row as text; absent optional columns are empty strings."""

    line: int
    name: str
    id_number: str
    mobile: str
    household_type: str
    joined_on: str
    card_number: str


def detect_format(filename: str, content: bytes) -> RosterFormat:
    """Recognise XLSX by its zip signature and CSV by name or by decodable text.

    Raises:
        UnsupportedFileType: anything else, a legacy ``.xls`` included.
    """
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if content.startswith(_ZIP_MAGIC) and suffix in ("xlsx", "xlsm", ""):
        return RosterFormat.XLSX
    if content.startswith((_ZIP_MAGIC, _OLE2_MAGIC)) or b"\x00" in content[:4096].lstrip(
        b"\xff\xfe"
    ).replace(b"\x00", b"", 0):
        raise UnsupportedFileType(suffix)
    if suffix in ("csv", "txt") or (not suffix and _decode(content[:4096], strict=False)):
        return RosterFormat.CSV
    raise UnsupportedFileType(suffix)


def normalise_header(text: str) -> str:
    """NFKC (full-width → ASCII), drop blanks, ``*`` marks and parenthesised notes, lower-case."""
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


class RosterFile:
    """An opened roster: its format, the header's position and mapping, and its rows.

    Opening reads the header (and, for CSV, counts the rows); :meth:`rows` streams the data.
    Call :meth:`close` (or use ``with``) to release an XLSX workbook.

    Raises:
        UnsupportedFileType, UnreadableRoster, MissingColumns: from :meth:`open`.
    """

    def __init__(self, fmt: RosterFormat, content: bytes) -> None:
        self.format = fmt
        self._content = content
        self._workbook: Any = None
        self._text = ""
        self.header_line = 0
        self.columns: dict[str, int] = {}
        self.estimated_rows = 0

    @classmethod
    def open(cls, filename: str, content: bytes) -> RosterFile:
        """Detect the format, find the header row and check the required columns."""
        roster = cls(detect_format(filename, content), content)
        try:
            roster._prepare()
            roster._find_header()
        except Exception:
            roster.close()
            raise
        return roster

    def rows(self) -> Iterator[RawRow]:
        """The data rows below the header, blank rows skipped (their numbers still count)."""
        positions = [self.columns.get(field, -1) for field in FIELDS]
        for line, record in enumerate(self._records(), start=1):
            if line <= self.header_line:
                continue
            values = [_cell_text(record[i]) if 0 <= i < len(record) else "" for i in positions]
            if any(values):
                yield RawRow(line, *values)

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None

    def __enter__(self) -> RosterFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _prepare(self) -> None:
        if self.format is RosterFormat.CSV:
            self._text = _decode(self._content, strict=True)
            return
        try:
            self._workbook = load_workbook(io.BytesIO(self._content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
            raise UnreadableRoster("无法读取该 Excel 文件，请确认是 .xlsx 格式且未加密") from error

    def _find_header(self) -> None:
        scanned = 0
        for line, record in enumerate(self._records(), start=1):
            mapped = _map_header(record)
            if len(mapped) >= 2:
                self.header_line, self.columns = line, mapped
                break
            scanned += 1
            if scanned >= HEADER_SEARCH_ROWS:
                break
        missing = [COLUMN_LABELS[f] for f in REQUIRED_FIELDS if f not in self.columns]
        if missing:
            raise MissingColumns(missing)
        self.estimated_rows = self._estimate_rows()

    def _estimate_rows(self) -> int:
        if self.format is RosterFormat.CSV:
            return sum(1 for _ in self._records()) - self.header_line
        # The sheet's recorded dimension: an upper bound (formatted blank rows count too).
        max_row = self._workbook.worksheets[0].max_row
        if max_row is None:
            return sum(1 for _ in self.rows())
        return max(int(max_row) - self.header_line, 0)

    def _records(self) -> Iterator[Sequence[Any]]:
        if self.format is RosterFormat.CSV:
            yield from csv.reader(io.StringIO(self._text), _dialect(self._text))
            return
        sheet = self._workbook.worksheets[0]
        # A wrong recorded dimension would silently cut rows off: read every row there is.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True)


def _map_header(record: Sequence[Any]) -> dict[str, int]:
    mapped: dict[str, int] = {}
    for position, cell in enumerate(record):
        field = _HEADER_TO_FIELD.get(normalise_header(_cell_text(cell)))
        if field is not None and field not in mapped:
            mapped[field] = position
    return mapped


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _decode(content: bytes, *, strict: bool) -> str:
    """UTF-16 with a BOM (Excel's "Unicode text"), UTF-8, then GB18030 (Excel in China)."""
    encodings = ("utf-16",) if content.startswith((b"\xff\xfe", b"\xfe\xff")) else ()
    for encoding in (*encodings, "utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    if strict:
        raise UnreadableRoster("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV")
    return ""


def _dialect(text: str) -> type[csv.Dialect]:
    first_line = text.split("\n", 1)[0]
    return csv.excel_tab if first_line.count("\t") > first_line.count(",") else csv.excel
