"""错误清单: a finished import's refused rows as a file, to correct and upload again.

Both import pages (花名册导入 from membership, 批量导入 from assistance) list the refused rows
the service reports — row number, column and message — and offer the same list as CSV (UTF-8
with a BOM, so Excel shows the Chinese) or XLSX. The services give only the first 1,000 errors
of a job; the file then says so in a last line, so nobody takes it for the whole list.
"""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

from fastapi.responses import Response
from openpyxl import Workbook
from shared.exports import csv_bytes, write_cell

HEADERS = ["行号", "列", "错误"]
TRUNCATED_NOTE = "（只列出前 {count} 处错误，其余请改正后重新上传时再看）"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def error_rows(job: dict[str, Any]) -> list[list[Any]]:
    """The header and one row per error as the service reported it; a note when cut short."""
    errors = job.get("errors") or []
    rows: list[list[Any]] = [HEADERS, *([e["row"], e["column"], e["message"]] for e in errors)]
    if job.get("errors_truncated"):
        rows.append(["", "", TRUNCATED_NOTE.format(count=len(errors))])
    return rows


def _xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "错误清单"
    for row_number, values in enumerate(rows, start=1):
        for column_number, value in enumerate(values, start=1):
            write_cell(sheet, row=row_number, column=column_number, value=value)
    sheet.column_dimensions["C"].width = 60  # the message is the column read most
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(job: dict[str, Any], stem: str, file_format: str) -> Response:
    """The error list of ``job`` as ``file_format`` (csv or xlsx), named ``stem`` + 错误清单."""
    rows = error_rows(job)
    if file_format == "xlsx":
        content, media_type = _xlsx_bytes(rows), XLSX_TYPE
    else:
        content, media_type = csv_bytes(rows), "text/csv; charset=utf-8"
    ascii_name = f"import-errors-{job['id']}.{file_format}"
    chinese_name = quote(f"{stem}错误清单.{file_format}")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{chinese_name}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})
