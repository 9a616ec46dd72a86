"""Reading an uploaded staff list (花名册) from CSV or XLSX into raw text rows.

The reading itself is the kit's (:mod:`shared.imports.sheet`, shared with every bulk import):
CSV in UTF-8, GBK or UTF-16, XLSX checked against zip bombs and parsed without entities, the
header found below a title line. This module only says which columns a roster has.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from shared.imports.sheet import (
    MissingColumns,
    SheetColumns,
    SheetFile,
    UnsupportedFileType,
    detect_format,
    normalise_header,
)
from shared.imports.sheet import SheetFormat as RosterFormat
from shared.imports.sheet import SheetTooLarge as RosterTooLarge
from shared.imports.sheet import UnreadableSheet as UnreadableRoster
from shared.uploads import ArchiveLimits

from membership.service_layer.roster_rows import COLUMN_LABELS

__all__ = [
    "FIELDS",
    "REQUIRED_FIELDS",
    "MissingColumns",
    "RawRow",
    "RosterFile",
    "RosterFormat",
    "RosterTooLarge",
    "UnreadableRoster",
    "UnsupportedFileType",
    "detect_format",
    "normalise_header",
]

FIELDS = tuple(COLUMN_LABELS)
REQUIRED_FIELDS = ("name", "id_number", "household_type")
COLUMNS = SheetColumns(
    labels=COLUMN_LABELS,
    aliases={
        "name": ("会员姓名", "职工姓名"),
        "id_number": ("身份证号码", "公民身份号码", "身份证"),
        "mobile": ("手机号码", "手机"),
        "household_type": ("户籍性质", "户口类型"),
        "joined_on": ("入会时间",),
        "card_number": ("会员证号码", "会员卡号"),
    },
    required=REQUIRED_FIELDS,
)


class RawRow(NamedTuple):
    """One non-blank data row as text; absent optional columns are empty strings."""

    line: int
    name: str
    id_number: str
    mobile: str
    household_type: str
    joined_on: str
    card_number: str


class RosterFile(SheetFile):
    """An opened roster (see :class:`shared.imports.sheet.SheetFile`).

    Raises:
        UnsupportedFileType, UnreadableRoster, RosterTooLarge, MissingColumns: from :meth:`open`.
    """

    @classmethod
    def open(cls, filename: str, content: bytes, limits: ArchiveLimits | None = None) -> RosterFile:
        """Detect the format, find the header row and check the required columns."""
        roster = cls(detect_format(filename, content), COLUMNS, limits)
        roster._open(content)
        return roster

    def rows(self) -> Iterator[RawRow]:
        """The data rows below the header, blank rows skipped (their numbers still count)."""
        for row in self.sheet_rows():
            yield RawRow(row.line, *row.values)
