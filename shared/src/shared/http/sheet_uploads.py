"""The HTTP side of bulk imports: an uploaded sheet read within limits, its refusals as
problem+json, and a template handed out as a download.

A service's upload route reads the file with :func:`read_upload`, opens it with
:func:`open_upload` (in a worker thread: parsing is CPU work) before any transaction, and
answers the template route with :func:`template_response`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import Response, UploadFile

from shared.http.problems import FieldError, Problem, ProblemDetails
from shared.imports.sheet import MissingColumns, SheetTooLarge, UnreadableSheet, UnsupportedFileType

__all__ = [
    "SHEET_TYPES",
    "UPLOAD_PROBLEMS",
    "open_upload",
    "read_upload",
    "template_response",
    "too_many_rows",
]

SHEET_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
"""Media types of the formats a template is offered in."""
UPLOAD_PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"model": ProblemDetails} for status in (404, 413, 415, 422)
}
"""The problem answers of an upload route, for its OpenAPI ``responses``."""
S = TypeVar("S")


async def read_upload(file: UploadFile, limit: int, *, what: str = "文件") -> bytes:
    """The uploaded file's bytes, reading no more than one byte past ``limit``.

    Args:
        what: the kind of file in the message, e.g. 花名册文件.

    Raises:
        Problem: 413 beyond ``limit`` bytes.
    """
    content = await file.read(limit + 1)
    if len(content) > limit:
        size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
        raise Problem(
            413,
            "文件过大",
            f"{what}不能超过 {size}，请拆分后分批导入",
            errors=[FieldError("file", f"超过 {size}")],
        )
    return content


def open_upload(opener: Callable[[], S], *, what: str = "文件") -> S:
    """Run ``opener`` (e.g. ``SheetFile.read``) and turn the sheet's refusals into problems.

    Args:
        what: the kind of file in the missing-columns title, e.g. 花名册.

    Raises:
        Problem: 415 for another file type, 413 for an archive unpacking too far, 422 for an
            unreadable file or missing required columns.
    """
    try:
        return opener()
    except UnsupportedFileType:
        raise Problem(
            415, "不支持的文件类型", "请上传 .xlsx 或 .csv 文件（旧版 .xls 请先另存为 .xlsx）"
        ) from None
    except SheetTooLarge as error:
        raise Problem(
            413,
            "文件解压后过大",
            f"{error.message}，请拆分后分批导入",
            errors=[FieldError("file", error.message)],
        ) from None
    except UnreadableSheet as error:
        raise Problem(
            422, "文件无法读取", error.message, errors=[FieldError("file", error.message)]
        ) from None
    except MissingColumns as error:
        raise Problem(
            422,
            f"{what}缺少必填列",
            "缺少列：" + "、".join(error.labels),
            errors=[FieldError("file", f"缺少“{label}”列") for label in error.labels],
        ) from None


def too_many_rows(max_rows: int) -> Problem:
    """413 for a file estimated to hold more than ``max_rows`` data rows."""
    return Problem(
        413,
        "文件行数过多",
        f"每个文件最多{max_rows}行，请拆分后分批导入",
        errors=[FieldError("file", f"超过{max_rows}行")],
    )


def template_response(content: bytes, file_format: str, *, name: str, title: str) -> Response:
    """A template download: ``name`` is the ASCII file name, ``title`` the Chinese one."""
    disposition = (
        f'attachment; filename="{name}.{file_format}"; '
        f"filename*=UTF-8''{quote(title)}.{file_format}"
    )
    headers = {"Content-Disposition": disposition}
    return Response(content, media_type=SHEET_TYPES[file_format], headers=headers)
