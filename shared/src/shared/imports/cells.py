"""Sheet cells → values, and what is wrong with a cell as a cadre reads it.

A row error names the sheet row, the column's Chinese header and a Chinese message, never
the cell's content (which may be a name or an ID number).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from shared.seedwork import DomainError, InvalidValue

__all__ = [
    "RowError",
    "SheetColumns",
    "checked",
    "normalise_header",
    "parse_sheet_date",
    "parse_yuan",
    "row_error",
    "scientific_id_number",
]

# Decorations around a header: required-marks and notes such as （必填） or (yyyy-mm-dd).
_HEADER_NOISE = re.compile(r"[*\s]|\(.*?\)")
_SEPARATED_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T][\d:.]+)?")
_COMPACT_DATE = re.compile(r"\d{8}")
_EXCEL_SERIAL = re.compile(r"\d{5}")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 in Excel's (leap-bug) count
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")
_YUAN = re.compile(r"\d+(?:\.\d{1,2})?")
T = TypeVar("T")


@dataclass(frozen=True)
class SheetColumns:
    """The columns an import reads.

    Attributes:
        labels: field → the Chinese header of the template (also names the column in errors),
            in the template's column order.
        aliases: field → further headers accepted for it (compared after
            :func:`normalise_header`).
        required: fields whose column must be present.
    """

    labels: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields in the template's column order."""
        return tuple(self.labels)

    def header_map(self) -> dict[str, str]:
        """Normalised header → field, the template's label and the field's name included."""
        mapped: dict[str, str] = {}
        for field, label in self.labels.items():
            for header in (label, field, *self.aliases.get(field, ())):
                mapped.setdefault(normalise_header(header), field)
        return mapped


def normalise_header(text: str) -> str:
    """NFKC (full-width → ASCII), drop blanks, ``*`` marks and parenthesised notes, lower-case."""
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True, slots=True)
class RowError:
    """What is wrong with one cell: sheet row number, Chinese column header, message."""

    row: int
    column: str
    message: str

    def to_json(self) -> dict[str, object]:
        """The error as stored on a job and shown by the API."""
        return {"row": self.row, "column": self.column, "message": self.message}


def parse_sheet_date(text: str, *, field: str, label: str) -> date:
    """2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301 or an Excel serial number.

    Raises:
        InvalidValue: naming ``field``; the message names ``label`` (e.g. 走访日期).
    """
    value = unicodedata.normalize("NFKC", text).strip()
    try:
        if match := _SEPARATED_DATE.fullmatch(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if _COMPACT_DATE.fullmatch(value):
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise InvalidValue(f"{label}不是有效的日期", field=field) from None
    if _EXCEL_SERIAL.fullmatch(value):
        return _EXCEL_EPOCH + timedelta(days=int(value))
    raise InvalidValue(f"{label}格式错误，应如 2024-03-01、2024/3/1 或 20240301", field=field)


def parse_yuan(text: str, *, field: str, label: str) -> int:
    """An amount in yuan as a cadre types it (``980``, ``980.5``, ``1,280.00``, ``¥980``) → fen.

    Raises:
        InvalidValue: not a plain non-negative amount with at most two decimals (角 and 分).
    """
    value = unicodedata.normalize("NFKC", text).strip().lstrip("¥").replace(",", "")
    value = value.removesuffix("元").strip()
    if not _YUAN.fullmatch(value):
        raise InvalidValue(
            f"{label}应为以元为单位的金额，最多两位小数，如 980 或 980.50", field=field
        )
    try:
        return int(Decimal(value) * 100)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise InvalidValue(f"{label}不是有效的金额", field=field) from None


def scientific_id_number(text: str, *, field: str) -> None:
    """Refuse an ID number Excel turned into a number (its last digits are lost).

    Raises:
        InvalidValue: the cell shows scientific notation.
    """
    if _SCIENTIFIC.fullmatch(text.strip()):
        raise InvalidValue(
            "身份证号被 Excel 存成了数字（科学计数法），请将该列设为文本格式后重新填写",
            field=field,
        )


def row_error(line: int, error: DomainError, labels: Mapping[str, str]) -> RowError:
    """A domain error on one row, with the column its field lives in (blank if none)."""
    return RowError(line, labels.get(error.field or "", ""), error.message)


def checked(
    errors: list[RowError], line: int, labels: Mapping[str, str], step: Callable[[], T]
) -> T | None:
    """Run ``step``; a domain error is appended to ``errors`` as a row error, giving ``None``.

    Independent cells are each checked this way, so a row reports every fault at once.
    """
    try:
        return step()
    except DomainError as error:
        errors.append(row_error(line, error, labels))
        return None
