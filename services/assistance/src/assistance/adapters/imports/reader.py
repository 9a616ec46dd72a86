"""An uploaded sheet (CSV or XLSX) read by the kit into the rows of one import kind."""

from __future__ import annotations

from collections.abc import Iterator

from shared.imports.jobs import ImportAborted
from shared.imports.sheet import SheetFile, UnreadableSheet
from shared.uploads import ArchiveLimits

from assistance.adapters.imports.templates import SHEETS
from assistance.service_layer.imports.kinds import ImportKindName
from assistance.service_layer.imports.rows import ImportRow


def open_sheet(
    kind: ImportKindName, filename: str, content: bytes, limits: ArchiveLimits
) -> SheetFile:
    """Open the upload with the kind's columns (see :meth:`shared.imports.sheet.SheetFile.read`).

    Raises:
        UnsupportedFileType, UnreadableSheet, SheetTooLarge, MissingColumns.
    """
    return SheetFile.read(filename, content, SHEETS[kind][1], limits)


def import_rows(sheet: SheetFile) -> Iterator[ImportRow]:
    """The sheet's data rows; a file damaged further down stops the job with a reason."""
    fields = sheet.spec.fields
    try:
        for row in sheet.sheet_rows():
            yield ImportRow(row.line, dict(zip(fields, row.values, strict=True)))
    except UnreadableSheet as error:
        raise ImportAborted(error.message) from error
    except Exception as error:  # openpyxl raises assorted parser errors on a damaged sheet
        raise ImportAborted("文件内容已损坏，读取中断") from error
