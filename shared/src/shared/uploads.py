"""Uploaded archives (XLSX is a zip) checked before anything unpacks or parses them.

A few hundred kilobytes of zip can declare hundreds of megabytes of content (a zip bomb).
:func:`check_archive` reads only the zip's directory and refuses, before any byte is
decompressed, an archive whose declared content is over ``max_unpacked_bytes`` in total, one
whose entry expands more than ``max_ratio`` times, or one with more entries than a spreadsheet
ever has. The declared sizes bound what is really unpacked: Python's ``zipfile`` never returns
more than an entry declares and fails on the CRC check when the data differs.

XML inside is parsed by openpyxl through ``defusedxml`` (a dependency of the kit), which
refuses entity declarations ("billion laughs") and external entities; :func:`parser_is_safe`
tells whether it is in use.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from defusedxml import DefusedXmlException

__all__ = [
    "ArchiveLimits",
    "ArchiveTooLarge",
    "MalformedArchive",
    "UnsafeXml",
    "check_archive",
    "is_unsafe_xml",
    "parser_is_safe",
]

UnsafeXml = DefusedXmlException
"""Raised by the parser for an entity declaration, an external entity or a DTD it refuses."""

_CENTRAL_HEADER = b"PK\x01\x02"
_RATIO_FLOOR_BYTES = 1024 * 1024
"""Entries smaller than this unpacked are never refused for their ratio (styles, themes)."""


@dataclass(frozen=True)
class ArchiveLimits:
    """How far an uploaded archive may unpack.

    Attributes:
        max_unpacked_bytes: the entries' declared sizes, added up.
        max_ratio: declared size over compressed size, for any entry of 1 MiB or more.
        max_entries: entries in the archive (a workbook has a few dozen).
    """

    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_ratio: int = 100
    max_entries: int = 10_000


class ArchiveTooLarge(Exception):
    """The archive would unpack to more than its limits allow; ``message`` says how, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MalformedArchive(Exception):
    """Not a readable zip archive."""


def check_archive(content: bytes, limits: ArchiveLimits) -> None:
    """Refuse ``content`` unless it is a zip within ``limits``; nothing is decompressed.

    Raises:
        ArchiveTooLarge: too many entries, too large unpacked, or too high a ratio.
        MalformedArchive: not a zip archive, or its directory is damaged.
    """
    # Every entry has a central directory header: count them before zipfile builds an
    # object per entry (a directory of a million empty entries is a bomb of its own).
    if content.count(_CENTRAL_HEADER) > limits.max_entries:
        raise ArchiveTooLarge(f"压缩包内的文件多于 {limits.max_entries} 个")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise MalformedArchive(str(error)) from error
    if len(entries) > limits.max_entries:
        raise ArchiveTooLarge(f"压缩包内的文件多于 {limits.max_entries} 个")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_unpacked_bytes:
        raise ArchiveTooLarge(
            f"文件解压后约 {_megabytes(unpacked)}，超过 {_megabytes(limits.max_unpacked_bytes)} 的上限"
        )
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size >= _RATIO_FLOOR_BYTES and ratio > limits.max_ratio:
            raise ArchiveTooLarge(
                f"文件压缩比异常（{entry.filename} 解压后放大约 {ratio:.0f} 倍，"
                f"上限 {limits.max_ratio} 倍）"
            )


def is_unsafe_xml(error: BaseException) -> bool:
    """Whether ``error`` is, or was raised because of, XML the parser refused as unsafe.

    openpyxl wraps a parser error while loading a workbook in a ``ValueError`` of its own, so
    the chain of causes is searched.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, UnsafeXml):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def parser_is_safe() -> bool:
    """Whether openpyxl parses XML through ``defusedxml`` (no entity expansion)."""
    from openpyxl.xml import functions

    parse = getattr(functions, "iterparse", None)
    return str(getattr(parse, "__module__", "")).startswith("defusedxml")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"
