"""Hostile spreadsheets for upload tests: zip bombs and an XML entity expansion.

Each is a real ``.xlsx`` archive, built in memory from a small workbook, so a test sees exactly
what a malicious client could send. A bomb is written in chunks: building one never holds its
unpacked size in memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import IO, Literal

from openpyxl import Workbook

__all__ = ["SHEET_PART", "STRINGS_PART", "entity_expansion_xlsx", "plain_xlsx", "zip_bomb_xlsx"]

SHEET_PART = "xl/worksheets/sheet1.xml"
STRINGS_PART = "xl/sharedStrings.xml"
CONTENT_TYPES = "[Content_Types].xml"
_MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_HEADERS = ("姓名", "身份证号", "户口性质")
_CHUNK = 1024 * 1024
_RUN = b"0" * _CHUNK
"""A megabyte of one character: deflate packs it about a thousand times."""


def plain_xlsx(*rows: list[object]) -> bytes:
    """A small workbook holding ``rows`` on its first sheet."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb_xlsx(
    unpacked_bytes: int, target: Literal["shared_strings", "sheet"] = "shared_strings"
) -> bytes:
    """A roster ``.xlsx`` (a valid header row) that unpacks to at least ``unpacked_bytes``.

    ``shared_strings`` puts the bulk in the shared-string table, which a reader loads whole
    before the first row (the bomb that hurts a streaming reader most); ``sheet`` puts it in
    rows of the first sheet. 300 MB unpacks from about 300 KB either way.
    """
    base = plain_xlsx(list(_HEADERS))
    if target == "sheet":
        head = b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ' + _MAIN_NS + b"><sheetData>"
        head += _inline_row(_HEADERS)
        row = b'<row><c t="inlineStr"><is><t>' + _RUN + b"</t></is></c></row>"
        writer = _filler(head, row, b"</sheetData></worksheet>", unpacked_bytes)
        return _rewrite(base, {SHEET_PART: writer})
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<sst ' + _MAIN_NS + b">"
    item = b"<si><t>" + _RUN + b"</t></si>"
    return _rewrite(
        base,
        {
            STRINGS_PART: _filler(head, item, b"</sst>", unpacked_bytes),
            CONTENT_TYPES: _with_strings_type(_member(base, CONTENT_TYPES)),
        },
    )


def entity_expansion_xlsx(part: str = SHEET_PART, levels: int = 10) -> bytes:
    """An ``.xlsx`` whose ``part`` declares nested entities ("billion laughs"): expanding the
    last one would make ``10 ** levels`` copies of a short string."""
    entities = [b'<!ENTITY lol0 "lol">']
    for level in range(1, levels):
        expansion = f"&lol{level - 1};".encode() * 10
        entities.append(f"<!ENTITY lol{level} ".encode() + b'"' + expansion + b'">')
    document = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [\n'
        + b"\n".join(entities)
        + b"\n]>\n<worksheet "
        + _MAIN_NS
        + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        + f"&lol{levels - 1};".encode()
        + b"</t></is></c></row></sheetData></worksheet>"
    )
    return _rewrite(plain_xlsx(list(_HEADERS)), {part: lambda sink: sink.write(document)})


Writer = Callable[[IO[bytes]], object]


def _inline_row(values: tuple[str, ...]) -> bytes:
    cells = b"".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>'.encode() for v in values)
    return b"<row>" + cells + b"</row>"


def _filler(head: bytes, repeated: bytes, tail: bytes, unpacked_bytes: int) -> Writer:
    """Writes ``head``, whole copies of ``repeated`` up to ``unpacked_bytes``, then ``tail``."""

    def write(sink: IO[bytes]) -> None:
        sink.write(head)
        written = len(head) + len(tail)
        while written < unpacked_bytes:  # whole elements: the part stays well-formed XML
            sink.write(repeated)
            written += len(repeated)
        sink.write(tail)

    return write


def _with_strings_type(content_types: bytes) -> Writer:
    override = b'<Override PartName="/' + STRINGS_PART.encode() + b'" ContentType="'
    override += _STRINGS_TYPE + b'" />'
    patched = content_types.replace(b"</Types>", override + b"</Types>")
    return lambda sink: sink.write(patched)


def _member(workbook: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        return archive.read(name)


def _rewrite(workbook: bytes, parts: dict[str, Writer]) -> bytes:
    """``workbook`` with each of ``parts`` (added when missing) written by its writer."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for entry in source.infolist():
            if entry.filename not in parts:
                target.writestr(entry, source.read(entry))
        for name, write in parts.items():
            with target.open(name, "w", force_zip64=True) as sink:
                write(sink)
    return output.getvalue()
