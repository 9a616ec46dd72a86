"""批量导入 bulk imports: upload a year's records of one kind, follow the job, get templates.

An upload honours ``Idempotency-Key`` like every command: the key and the job's row commit in
one transaction, and a retry (or a concurrent duplicate) gets the first job's answer back and
imports nothing. The background import starts only once that transaction has committed.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID, uuid4

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from shared.http.commanding import scope_root
from shared.http.fields import ApiModel
from shared.http.idempotency import IdempotencyKeyDep, idempotent
from shared.http.problems import not_found
from shared.http.sheet_uploads import (
    SHEET_TYPES,
    UPLOAD_PROBLEMS,
    open_upload,
    read_upload,
    template_response,
    too_many_rows,
)
from shared.identifiers import today_in_china
from shared.imports.jobs import ImportStatus, percent_done
from shared.imports.sheet import SheetFile
from shared.uploads import ArchiveLimits

from assistance.adapters.imports.reader import import_rows, open_sheet
from assistance.adapters.imports.store import SqlImportStore
from assistance.adapters.imports.templates import kind_template
from assistance.bootstrap import Container
from assistance.config import AssistanceSettings
from assistance.entrypoints.api.deps import ContainerDep, Reader, Writer, scope_path
from assistance.service_layer.imports.kinds import KINDS, ImportKindName
from assistance.service_layer.imports.rows import RowContext
from assistance.service_layer.imports.runner import ImportJob, run_import

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/imports", tags=["批量导入 imports"])


class RowErrorOut(ApiModel):
    row: int
    column: str
    message: str


class ImportAccepted(ApiModel):
    id: UUID
    kind: ImportKindName
    status: ImportStatus
    filename: str
    total_rows: int


class ImportOut(ApiModel):
    id: UUID
    kind: ImportKindName
    filename: str
    status: ImportStatus
    percent: float
    total_rows: int
    processed_rows: int
    imported_rows: int
    failed_rows: int
    error_count: int
    errors: list[RowErrorOut]
    errors_truncated: bool
    failure_reason: str | None
    requested_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


@router.get(
    "/{kind}/template",
    summary="下载导入模板",
    response_class=Response,
    responses={200: {"description": "导入模板", "content": {t: {} for t in SHEET_TYPES.values()}}},
)
async def download_template(
    kind: ImportKindName,
    principal: Writer,
    file_format: Annotated[Literal["csv", "xlsx"], Query(alias="format")] = "xlsx",
) -> Response:
    """Download a kind's template (Chinese headers, one example row) as XLSX or CSV."""
    content = await asyncio.to_thread(kind_template, KINDS[kind], file_format)
    title = f"{KINDS[kind].title}导入模板"
    return template_response(content, file_format, name=f"{kind}-template", title=title)


@router.post(
    "/{kind}",
    status_code=202,
    summary="上传文件并开始导入",
    response_model=ImportAccepted,
    responses=UPLOAD_PROBLEMS,
)
async def upload_import(
    kind: ImportKindName,
    request: Request,
    principal: Writer,
    key: IdempotencyKeyDep,
    container: ContainerDep,
    file: Annotated[UploadFile, File(description="导入文件 .xlsx 或 .csv")],
    org_id: Annotated[UUID | None, Form(description="建档组织（户主不是会员的行默认归属）")] = None,
) -> Response:
    """Accept a file of one kind within the caller's subtree; it is imported in the background.

    With an ``Idempotency-Key``, the same upload again answers the first job
    (``Idempotent-Replayed: true``) and imports nothing; another file under the key is 422.
    """
    settings: AssistanceSettings = container.settings
    content = await read_upload(file, settings.import_max_bytes, what="导入文件")
    filename = (file.filename or "import")[:255]
    limits = _archive_limits(settings)
    # Read (and refuse) the file before the transaction: no connection waits on the parser.
    sheet = await asyncio.to_thread(
        open_upload, lambda: open_sheet(KINDS[kind], filename, content, limits), what="导入文件"
    )
    job = ImportJob(uuid4(), KINDS[kind], settings.import_max_rows)
    store = SqlImportStore(container.pool, container.cipher)
    try:
        async with idempotent(request, container.pool, principal, key) as idem:
            if idem.replay:
                sheet.close()
                return idem.replay
            if sheet.estimated_rows > job.max_rows:
                raise too_many_rows(job.max_rows)
            await store.create_job(
                idem.conn,
                job_id=job.job_id,
                kind=kind,
                filename=filename,
                scope_path=await scope_path(idem.conn, principal),
                total_rows=sheet.estimated_rows,
                requested_by=principal.subject,
            )
            body = ImportAccepted(
                id=job.job_id,
                kind=kind,
                status=ImportStatus.QUEUED,
                filename=filename,
                total_rows=sheet.estimated_rows,
            )
            response = idem.store(202, body, {"Location": f"{router.prefix}/{job.job_id}"})
    except BaseException:
        sheet.close()
        raise
    context = RowContext(
        principal.subject, scope_root(principal), today_in_china(), container.cipher, org_id
    )
    # The job's row and the key have committed: only now may the import start.
    container.spawn(run_job(job, sheet, context, container))
    return response


@router.get("/{import_id}", summary="查询导入进度与错误", responses={404: UPLOAD_PROBLEMS[404]})
async def get_import(import_id: UUID, principal: Reader, container: ContainerDep) -> ImportOut:
    """Progress of an import (percent, counts) and its row errors (first 1,000)."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
    row = await SqlImportStore(container.pool, container.cipher).job_in_scope(import_id, scope)
    if row is None:
        raise not_found("导入任务")
    fields = {name: row[name] for name in ImportOut.model_fields if name in row}
    return ImportOut(
        **fields,
        percent=percent_done(row["status"], row["processed_rows"], row["total_rows"]),
        errors_truncated=row["error_count"] > len(row["errors"]),
    )


async def run_job(
    job: ImportJob, sheet: SheetFile, context: RowContext, container: Container
) -> None:
    """The background task of one upload; failures end up on the job row and in the log."""
    try:
        store = SqlImportStore(container.pool, container.cipher)
        await run_import(job, import_rows(sheet), store, context)
    except Exception:
        logger.exception("import %s failed", job.job_id)
    finally:
        sheet.close()


def _archive_limits(settings: AssistanceSettings) -> ArchiveLimits:
    return ArchiveLimits(
        max_unpacked_bytes=settings.import_max_unpacked_bytes,
        max_ratio=settings.import_max_compression_ratio,
    )
