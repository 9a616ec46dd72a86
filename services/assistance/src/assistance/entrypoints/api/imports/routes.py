"""批量导入 bulk imports: upload a year's records of one kind, follow the job, get templates.

The background import starts only once the job's row and the idempotency key have committed.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from shared.http.idempotency import IdempotencyKeyDep
from shared.http.problems import not_found
from shared.http.sheet_uploads import SHEET_TYPES, UPLOAD_PROBLEMS, template_response
from shared.imports.jobs import percent_done
from shared.imports.sheet import SheetFile

from assistance.adapters.imports.reader import import_rows
from assistance.adapters.imports.store import SqlImportStore
from assistance.adapters.imports.templates import SHEETS, kind_template
from assistance.bootstrap import Container
from assistance.entrypoints.api.deps import ContainerDep, Reader, Writer, scope_path
from assistance.entrypoints.api.imports.schemas import ImportAccepted, ImportOut, ImportSummaryOut
from assistance.entrypoints.api.imports.uploads import (
    PREFIX,
    UUID_TEXT,
    accept_upload,
    row_context,
)
from assistance.service_layer.imports.kinds import KINDS, ImportKindName
from assistance.service_layer.imports.rows import RowContext
from assistance.service_layer.imports.runner import ImportJob, run_import

logger = logging.getLogger(__name__)
router = APIRouter(prefix=PREFIX, tags=["批量导入 imports"])
RowKind = Literal["visits", "households", "insurance-enrolments", "insurance-claims"]


@router.get("", summary="最近的导入任务")
async def recent_imports(
    principal: Reader,
    container: ContainerDep,
    limit: Annotated[int, Query(ge=1, le=100, description="最多列出几项")] = 20,
    mine: Annotated[bool, Query(description="只列出本人上传的")] = False,
) -> list[ImportSummaryOut]:
    """The latest import jobs uploaded within the caller's subtree, newest first."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
    store = SqlImportStore(container.pool, container.cipher)
    rows = await store.recent_jobs(scope, limit, principal.subject if mine else None)
    return [ImportSummaryOut(**dict(row)) for row in rows]


@router.get(
    "/{kind}/template",
    summary="下载导入模板",
    response_class=Response,
    responses={
        200: {"description": "导入模板", "content": {"text/csv": {}, SHEET_TYPES["xlsx"]: {}}}
    },
)
async def download_template(
    kind: ImportKindName,
    principal: Writer,
    file_format: Annotated[Literal["csv", "xlsx"], Query(alias="format")] = "xlsx",
) -> Response:
    """Download a kind's template (Chinese headers, one example row) as XLSX or CSV."""
    content = await asyncio.to_thread(kind_template, kind, file_format)
    title = f"{SHEETS[kind][0]}导入模板"
    return template_response(content, file_format, name=f"{kind}-template", title=title)


@router.post(
    "/{kind}",
    status_code=202,
    summary="上传文件并开始导入",
    response_model=ImportAccepted,
    responses=UPLOAD_PROBLEMS,
)
async def upload_import(
    kind: RowKind,
    request: Request,
    principal: Writer,
    key: IdempotencyKeyDep,
    container: ContainerDep,
    file: Annotated[UploadFile, File(description="导入文件 .xlsx 或 .csv")],
    org_id: Annotated[
        str, Form(pattern=UUID_TEXT, description="建档组织（户主不是会员的行默认归属）")
    ] = "",
) -> Response:
    """Accept a file of one kind within the caller's subtree; it is imported in the background.

    With an ``Idempotency-Key``, the same upload again answers the first job
    (``Idempotent-Replayed: true``) and imports nothing; another file under the key is 422.
    """
    name = ImportKindName(kind)
    accepted = await accept_upload(request, principal, key, container, name, file)
    if accepted.job_id is not None and accepted.sheet is not None:
        job = ImportJob(accepted.job_id, KINDS[name], container.settings.import_max_rows)
        context = row_context(principal, container, org_id)
        container.spawn(run_job(job, accepted.sheet, context, container))
    return accepted.response


@router.get(
    "/{kind}/{import_id}", summary="查询导入进度与错误", responses={404: UPLOAD_PROBLEMS[404]}
)
async def get_import(
    kind: ImportKindName, import_id: UUID, principal: Reader, container: ContainerDep
) -> ImportOut:
    """Progress of an import (percent, counts) and its row errors (first 1,000)."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
    store = SqlImportStore(container.pool, container.cipher)
    row = await store.job_in_scope(import_id, kind, scope)
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
