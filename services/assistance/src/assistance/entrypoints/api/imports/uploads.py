"""Accepting an upload: the file read and opened before any transaction, then the job's row
and the idempotency key committed together.

A retry under the same key (same file and form) gets the first job's answer and starts nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from uuid import UUID, uuid4

from fastapi import Request, Response, UploadFile
from shared.auth import Principal
from shared.http.commanding import scope_root
from shared.http.idempotency import IdempotencyKey, idempotent
from shared.http.sheet_uploads import open_upload, read_upload, too_many_rows
from shared.identifiers import today_in_china
from shared.imports.jobs import ImportStatus
from shared.imports.sheet import SheetFile
from shared.uploads import ArchiveLimits

from assistance.adapters.imports.reader import open_sheet
from assistance.adapters.imports.store import SqlImportStore
from assistance.bootstrap import Container
from assistance.config import AssistanceSettings
from assistance.entrypoints.api.deps import scope_path
from assistance.entrypoints.api.imports.schemas import ImportAccepted
from assistance.service_layer.imports.kinds import ImportKindName
from assistance.service_layer.imports.rows import RowContext

PREFIX = "/api/v1/imports"
UUID_TEXT = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
"""An optional form field is text with a pattern: a form has no null for ``UUID | None``."""


@dataclass(frozen=True)
class Accepted:
    """An upload whose job committed: the answer, and the job and sheet to import (``None`` on
    a replay, which starts nothing)."""

    response: Response
    job_id: UUID | None
    sheet: SheetFile | None


async def accept_upload(
    request: Request,
    principal: Principal,
    key: IdempotencyKey,
    container: Container,
    kind: ImportKindName,
    file: UploadFile,
    batch_id: UUID | None = None,
) -> Accepted:
    """Read and open ``file``, then create the queued job under the idempotency key.

    Raises:
        Problem: 413 (too large, too many rows), 415 (file type), 422 (unreadable, columns).
    """
    settings: AssistanceSettings = container.settings
    content = await read_upload(file, settings.import_max_bytes, what="导入文件")
    filename = (file.filename or "import")[:255]
    limits = _archive_limits(settings)
    opener = lambda: open_sheet(kind, filename, content, limits)  # noqa: E731
    sheet = await asyncio.to_thread(open_upload, opener, what="导入文件")
    try:
        async with idempotent(request, container.pool, principal, key) as idem:
            if idem.replay:
                sheet.close()
                return Accepted(idem.replay, None, None)
            if sheet.estimated_rows > settings.import_max_rows:
                raise too_many_rows(settings.import_max_rows)
            job_id = uuid4()
            await SqlImportStore(container.pool, container.cipher).create_job(
                idem.conn,
                job_id=job_id,
                kind=kind,
                filename=filename,
                scope_path=await scope_path(idem.conn, principal),
                total_rows=sheet.estimated_rows,
                requested_by=principal.subject,
                batch_id=batch_id,
            )
            body = ImportAccepted(
                id=job_id,
                kind=kind,
                status=ImportStatus.QUEUED,
                filename=filename,
                total_rows=sheet.estimated_rows,
                batch_id=batch_id,
            )
            response = idem.store(202, body, {"Location": f"{PREFIX}/{kind}/{job_id}"})
    except BaseException:
        sheet.close()
        raise
    return Accepted(response, job_id, sheet)


def row_context(principal: Principal, container: Container, org_id: str = "") -> RowContext:
    """What the rows of the caller's upload share; ``org_id`` is the form's text (or blank)."""
    default_org = UUID(org_id) if org_id else None
    return RowContext(
        principal.subject, scope_root(principal), today_in_china(), container.cipher, default_org
    )


def _archive_limits(settings: AssistanceSettings) -> ArchiveLimits:
    return ArchiveLimits(
        max_unpacked_bytes=settings.import_max_unpacked_bytes,
        max_ratio=settings.import_max_compression_ratio,
    )
