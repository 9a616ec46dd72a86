"""签到表导入 attendance imports: upload a sign-in sheet for one session, follow its progress.

The upload honours ``Idempotency-Key``: the key and the job's row commit in one transaction and
the import starts only after that commit. Each row is checked on its own (errors name the row
and the column); the good rows are applied chunk by chunk through the attendance command.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID, uuid4

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from shared.http.fields import ApiModel
from shared.http.idempotency import IdempotencyKeyDep, idempotent
from shared.http.problems import FieldError, Problem, ProblemDetails, not_found
from shared.uploads import ArchiveLimits

from training.adapters.classes import import_jobs, views
from training.adapters.classes.sign_in_sheet import SheetRow, UnreadableSheet, read_sheet
from training.bootstrap import Container
from training.entrypoints.api.deps import ContainerDep, Writer, scope_path
from training.service_layer.classes.attendance_import import ImportJob, import_attendance

logger = logging.getLogger(__name__)
router = APIRouter(tags=["签到表导入 attendance imports"])
PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"model": ProblemDetails} for status in (404, 413, 422)
}


class ImportAccepted(ApiModel):
    id: UUID
    status: str
    filename: str
    total_rows: int


class RowErrorOut(ApiModel):
    row: int
    column: str
    message: str


class ImportOut(ApiModel):
    id: UUID
    class_id: UUID
    session_no: int
    filename: str
    status: str
    percent: float
    total_rows: int
    processed_rows: int
    imported_rows: int
    failed_rows: int
    errors: list[RowErrorOut]
    failure_reason: str | None
    requested_by: str
    created_at: datetime
    finished_at: datetime | None


@router.post(
    "/api/v1/classes/{class_id}/attendance-imports", status_code=202,
    response_model=ImportAccepted, responses=PROBLEMS,
)  # fmt: skip
async def upload_sheet(
    request: Request,
    class_id: UUID,
    principal: Writer,
    key: IdempotencyKeyDep,
    container: ContainerDep,
    file: Annotated[UploadFile, File(description="签到表 .xlsx 或 .csv（身份证号、考勤两列）")],
    session_no: Annotated[int, Form(ge=1, le=500, description="课次")],
) -> Response:
    """Upload a sign-in sheet for one session; it is imported in the background."""
    settings = container.settings
    content = await file.read(settings.attendance_import_max_bytes + 1)
    if len(content) > settings.attendance_import_max_bytes:
        raise Problem(413, "文件过大", "签到表文件过大", errors=[FieldError("file", "文件过大")])
    filename = (file.filename or "sheet.csv")[:255]
    rows = await asyncio.to_thread(_read, filename, content, settings.attendance_import_max_rows)
    async with idempotent(request, container.pool, principal, key) as idem:
        if idem.replay:
            return idem.replay
        found = await views.one_class(idem.conn, await scope_path(idem.conn, principal), class_id)
        if found is None:
            raise not_found("培训班")
        if session_no > found["sessions_planned"] or found["status"] != "open":
            raise Problem(422, "无法导入", "课次超出范围或培训班已结业/取消",
                          errors=[FieldError("session_no", "课次无效")])  # fmt: skip
        job = ImportJob(uuid4(), class_id, session_no, _scope_root(principal.org_id))
        await import_jobs.create_job(
            idem.conn, job_id=job.job_id, class_id=class_id, org_id=found["org_id"],
            session_no=session_no, filename=filename, total_rows=len(rows),
            requested_by=principal.subject,
        )  # fmt: skip
        body = ImportAccepted(
            id=job.job_id, status="queued", filename=filename, total_rows=len(rows)
        )
        location = f"/api/v1/attendance-imports/{job.job_id}"
        response = idem.store(202, body, {"Location": location})
    container.spawn(run_import(job, rows, container))
    return response


def _scope_root(org_id: str | None) -> UUID | None:
    return UUID(org_id) if org_id is not None else None


def _read(filename: str, content: bytes, max_rows: int) -> list[SheetRow]:
    try:
        rows = read_sheet(filename, content, ArchiveLimits(max_unpacked_bytes=50 * 1024 * 1024))
    except UnreadableSheet as error:
        raise Problem(422, "文件无法读取", error.message,
                      errors=[FieldError("file", error.message)]) from None  # fmt: skip
    if len(rows) > max_rows:
        raise Problem(413, "文件行数过多", f"每个文件最多{max_rows}行",
                      errors=[FieldError("file", f"超过{max_rows}行")])  # fmt: skip
    return rows


async def run_import(job: ImportJob, rows: list[SheetRow], container: Container) -> None:
    """The background task of one upload; a failure ends up on the job row and in the log."""
    progress = import_jobs.SqlImportProgress(container.pool)
    try:
        await import_attendance(
            job, rows, progress, container.uow,
            chunk_rows=container.settings.attendance_import_chunk_rows,
        )  # fmt: skip
    except Exception:
        logger.exception("attendance import %s failed", job.job_id)
        await progress.finish(job.job_id, failure="导入中断，请重新上传")


@router.get("/api/v1/attendance-imports/{import_id}", response_model=ImportOut, responses=PROBLEMS)
async def get_import(import_id: UUID, principal: Writer, container: ContainerDep) -> ImportOut:
    """Progress of an import (percent, counts) and its row errors (first 1,000)."""
    async with container.pool.acquire() as conn:
        row = await import_jobs.job_in_scope(conn, import_id, await scope_path(conn, principal))
    if row is None:
        raise not_found("导入任务")
    stored = dict(row)
    fields = {k: stored[k] for k in ImportOut.model_fields if k in stored and k != "errors"}
    total, done = row["total_rows"], row["processed_rows"]
    percent = (
        100.0
        if row["status"] == "completed"
        else round(min(done / total, 1) * 100, 1)
        if total
        else 0.0
    )
    errors = [RowErrorOut(**e) for e in row["errors"]]
    return ImportOut(**fields, errors=errors, percent=percent)
