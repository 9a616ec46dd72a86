"""Reading an uploaded sheet (CSV or XLSX) into text rows, for every bulk import.

Cells come out as stripped text, so validation sees one shape whatever the file type: Excel
dates become ``YYYY-MM-DD``, whole numbers (IDs or mobiles typed into number cells) lose
their ``.0``. Row numbers are those the user sees in the sheet (the header is normally row 1).
An XLSX file is read from its first worksheet, in openpyxl's read-only (streaming) mode,
after :func:`shared.uploads.check_archive` has checked from the zip's directory that it does
not unpack beyond the limits; its XML is parsed through ``defusedxml``, so an entity
declaration ("billion laughs") is refused as an unreadable file, before any job exists.

What a service imports is described by a :class:`SheetColumns`: each field's Chinese header,
the headers also accepted for it, and which fields are required.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from openpyxl import load_workbook

from shared.imports.cells import SheetColumns, normalise_header
from shared.uploads import (
    ArchiveLimits,
    ArchiveTooLarge,
    MalformedArchive,
    check_archive,
    is_unsafe_xml,
    parser_is_safe,
)

__all__ = [
    "MissingColumns",
    "SheetColumns",
    "SheetFile",
    "SheetFormat",
    "SheetRow",
    "SheetTooLarge",
    "UnreadableSheet",
    "UnsupportedFileType",
    "detect_format",
    "normalise_header",
]

HEADER_SEARCH_ROWS = 10
"""Sheets often carry a title line (e.g. 某某公司职工花名册) above the header row."""

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls, which openpyxl cannot read
_ZIP_MAGIC = b"PK\x03\x04"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_EXACT_FLOAT_LIMIT = 2.0**53
UNREADABLE_XLSX = "无法读取该 Excel 文件，请确认是 .xlsx 格式且未加密"
UNSAFE_XLSX = (
    "该 Excel 文件含有不允许的 XML 实体声明，已拒绝；请在 Excel 中另存为新的 .xlsx 文件后重新上传"
)

if not parser_is_safe():  # pragma: no cover - defusedxml is a dependency of the kit
    raise RuntimeError("openpyxl must parse through defusedxml (OPENPYXL_DEFUSEDXML not False)")


class SheetFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class UnsupportedFileType(Exception):
    """Neither CSV nor XLSX (a legacy .xls included)."""


class UnreadableSheet(Exception):
    """The file has the right type but cannot be read; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SheetTooLarge(Exception):
    """The XLSX would unpack beyond the limits; ``message`` says how, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingColumns(Exception):
    """Required columns are absent; ``labels`` are their Chinese headers."""

    def __init__(self, labels: Sequence[str]) -> None:
        super().__init__("、".join(labels))
        self.labels = tuple(labels)


class SheetRow(NamedTuple):
    """One non-blank data row: its sheet row number and its cells, in the fields' order."""

    line: int
    values: tuple[str, ...]


def detect_format(filename: str, content: bytes) -> SheetFormat:
    """Recognise XLSX by its zip signature and CSV by its name (or, nameless, by its text).

    Raises:
        UnsupportedFileType: anything else, a legacy ``.xls`` included.
    """
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if content.startswith(_ZIP_MAGIC):
        if suffix in ("xlsx", "xlsm", ""):
            return SheetFormat.XLSX
        raise UnsupportedFileType(suffix)
    if content.startswith(_OLE2_MAGIC):
        raise UnsupportedFileType(suffix)
    if suffix in ("csv", "txt") or (not suffix and _looks_like_text(content)):
        return SheetFormat.CSV
    raise UnsupportedFileType(suffix)


class SheetFile:
    """An opened sheet: its format, the header's position and mapping, and its rows.

    Opening reads the header (and, for CSV, counts the rows); :meth:`sheet_rows` streams the
    data. Call :meth:`close` (or use ``with``) to release an XLSX workbook.
    """

    def __init__(
        self, fmt: SheetFormat, columns: SheetColumns, limits: ArchiveLimits | None = None
    ) -> None:
        self.format = fmt
        self.spec = columns
        self.limits = limits or ArchiveLimits()
        self._workbook: Any = None
        self._text = ""
        self._sheet_rows = 0
        self.header_line = 0
        self.columns: dict[str, int] = {}
        self.estimated_rows = 0

    @classmethod
    def read(
        cls,
        filename: str,
        content: bytes,
        columns: SheetColumns,
        limits: ArchiveLimits | None = None,
    ) -> SheetFile:
        """Detect the format, find the header row and check the required columns.

        Args:
            limits: how far an XLSX may unpack; the kit's defaults when omitted.

        Raises:
            UnsupportedFileType, UnreadableSheet, SheetTooLarge, MissingColumns.
        """
        sheet = cls(detect_format(filename, content), columns, limits)
        sheet._open(content)
        return sheet

    def _open(self, content: bytes) -> None:
        try:
            self._prepare(content)
            self._find_header()
        except (SheetTooLarge, MissingColumns):
            self.close()
            raise
        except Exception as error:
            self.close()
            if is_unsafe_xml(error):
                raise UnreadableSheet(UNSAFE_XLSX) from error
            if self.format is SheetFormat.CSV or isinstance(error, UnreadableSheet):
                raise
            # openpyxl raises assorted parser errors (ParseError, KeyError, TypeError …)
            # on a damaged workbook: the file is at fault, not the service.
            raise UnreadableSheet(UNREADABLE_XLSX) from error

    def sheet_rows(self) -> Iterator[SheetRow]:
        """The data rows below the header, blank rows skipped (their numbers still count)."""
        positions = [self.columns.get(field, -1) for field in self.spec.fields]
        for line, record in enumerate(self._records(), start=1):
            if line <= self.header_line:
                continue
            values = tuple(_cell_text(record[i]) if 0 <= i < len(record) else "" for i in positions)
            if any(values):
                yield SheetRow(line, values)

    def close(self) -> None:
        """Release an XLSX workbook (and the archive it keeps open); idempotent."""
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None

    def __enter__(self) -> SheetFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _prepare(self, content: bytes) -> None:
        if self.format is SheetFormat.CSV:
            self._text = _decode(content)
            return
        try:
            check_archive(content, self.limits)
        except ArchiveTooLarge as error:
            raise SheetTooLarge(error.message) from error
        except MalformedArchive as error:
            raise UnreadableSheet(UNREADABLE_XLSX) from error
        try:
            self._workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = self._workbook.worksheets[0]
            self._sheet_rows = _count_xml_rows(self._workbook, sheet)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as error:
            raise UnreadableSheet(UNREADABLE_XLSX) from error
        # The recorded dimension may be wrong (or absent) and would silently cut rows off.
        sheet.reset_dimensions()

    def _find_header(self) -> None:
        header_map = self.spec.header_map()
        for line, record in enumerate(self._records(), start=1):
            mapped = _map_header(record, header_map)
            if len(mapped) >= min(2, len(self.spec.labels)):
                self.header_line, self.columns = line, mapped
                break
            if line >= HEADER_SEARCH_ROWS:
                break
        missing = [self.spec.labels[f] for f in self.spec.required if f not in self.columns]
        if missing:
            raise MissingColumns(missing)
        if self.format is SheetFormat.CSV:
            self._sheet_rows = sum(1 for _ in self._records())
        self.estimated_rows = max(self._sheet_rows - self.header_line, 0)

    def _records(self) -> Iterator[Sequence[Any]]:
        if self.format is SheetFormat.XLSX:
            yield from self._workbook.worksheets[0].iter_rows(values_only=True)
            return
        reader = csv.reader(io.StringIO(self._text), _dialect(self._text))
        try:
            yield from reader
        except csv.Error as error:
            raise UnreadableSheet(f"CSV 文件第{reader.line_num}行格式错误") from error


def _map_header(record: Sequence[Any], header_map: Mapping[str, str]) -> dict[str, int]:
    mapped: dict[str, int] = {}
    for position, cell in enumerate(record):
        field = header_map.get(normalise_header(_cell_text(cell)))
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
        # Beyond 2**53 the digits are already lost (an ID number typed into a number cell):
        # keep Excel's scientific look so validation can say what happened.
        return str(int(value)) if abs(value) < _EXACT_FLOAT_LIMIT else f"{value:.14E}"
    return str(value)


def _decode(content: bytes) -> str:
    """UTF-16 with a BOM (Excel's "Unicode text"), UTF-8, then GB18030 (Excel in China)."""
    encodings = ("utf-16",) if content.startswith(_UTF16_BOMS) else ()
    for encoding in (*encodings, "utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableSheet("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV")


def _looks_like_text(content: bytes) -> bool:
    return content.startswith(_UTF16_BOMS) or b"\x00" not in content[:4096]


def _count_xml_rows(workbook: Any, sheet: Any) -> int:
    """Rows in the sheet's XML, counted without parsing it (an upper bound: formatted blank
    rows count too). Read-only workbooks keep their archive open, which this reads again."""
    count, tail = 0, b""
    with workbook._archive.open(sheet._worksheet_path) as source:
        while chunk := source.read(1 << 20):
            window = tail + chunk  # a tag split across chunks is whole in the window
            count += window.count(b"<row ") + window.count(b"<row>")
            tail = window[-4:]
    return count


def _dialect(text: str) -> type[csv.Dialect]:
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    return csv.excel_tab if first_line.count("\t") > first_line.count(",") else csv.excel
