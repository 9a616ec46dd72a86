"""花名册导入 roster imports: upload a staff list, follow the import, download the template.

An upload honours ``Idempotency-Key`` like every command: the key and the job's row commit in
one transaction, and a retry (or a concurrent duplicate) gets the first job's answer back. The
background import starts only once that transaction has committed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID, uuid4

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from shared.adapters import Connection
from shared.auth import Principal
from shared.http.domain_errors import problem_for
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
from shared.imports.jobs import percent_done
from shared.seedwork import DomainError
from shared.uploads import ArchiveLimits

from membership.adapters.roster_reader import RawRow, RosterFile, UnreadableRoster
from membership.adapters.roster_store import SqlRosterStore
from membership.adapters.roster_template import template_csv, template_xlsx
from membership.bootstrap import Container
from membership.config import SERVICE_NAME, MembershipSettings
from membership.domain import UnionOrganisation
from membership.entrypoints.api.deps import ContainerDep, Writer, scope_path
from membership.service_layer.roster_import import (
    ImportAborted,
    ImportStatus,
    RosterJob,
    import_roster,
)

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1/roster-imports", tags=["花名册导入 roster imports"])
PROBLEMS: dict[int | str, dict[str, Any]] = UPLOAD_PROBLEMS
TEMPLATE_TYPES = SHEET_TYPES


class RowErrorOut(ApiModel):
    row: int
    column: str
    message: str


class RosterImportAccepted(ApiModel):
    id: UUID
    status: ImportStatus
    filename: str
    total_rows: int


class RosterImportOut(ApiModel):
    id: UUID
    filename: str
    union_id: UUID
    employer_id: UUID
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
    "/template",
    summary="下载花名册模板",
    response_class=Response,
    responses={
        200: {
            "description": "花名册模板 (CSV 或 XLSX)",
            "content": {
                "text/csv": {},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
            },
        }
    },
)
async def download_template(
    principal: Writer,
    file_format: Annotated[Literal["csv", "xlsx"], Query(alias="format")] = "csv",
) -> Response:
    """Download the roster template (Chinese headers and one example row) as CSV or XLSX."""
    if file_format == "csv":
        content = template_csv()
    else:
        content = await asyncio.to_thread(template_xlsx)
    return template_response(content, file_format, name="roster-template", title="花名册模板")


@router.post(
    "",
    status_code=202,
    summary="上传花名册并开始导入",
    response_model=RosterImportAccepted,
    responses=PROBLEMS,
)
async def upload_roster(
    request: Request,
    principal: Writer,
    key: IdempotencyKeyDep,
    container: ContainerDep,
    file: Annotated[UploadFile, File(description="花名册 .xlsx 或 .csv")],
    union_id: Annotated[UUID, Form(description="基层工会")],
    employer_id: Annotated[UUID, Form(description="单位")],
) -> Response:
    """Accept a staff list for one grassroots union and employer; it is imported in the background.

    With an ``Idempotency-Key``, the same upload again (same file, name and form) answers the
    first job (``Idempotent-Replayed: true``) and starts nothing; another file under the same
    key is refused with 422.
    """
    settings: MembershipSettings = container.settings
    content = await read_upload(file, settings.roster_max_bytes, what="花名册文件")
    store = SqlRosterStore(container.pool)
    filename = (file.filename or "roster")[:255]
    # Read (and refuse) the file before the transaction: no connection waits on the parser.
    limits = _archive_limits(settings)
    roster = await asyncio.to_thread(_open_roster, filename, content, limits)
    try:
        async with idempotent(request, container.pool, principal, key) as idem:
            if idem.replay:
                roster.close()
                return idem.replay
            union = await _admitting_union(idem.conn, store, principal, union_id)
            if not await store.employer_exists(employer_id, conn=idem.conn):
                raise not_found("单位")
            job = RosterJob(uuid4(), union, employer_id, settings.roster_max_rows)
            await _queue(idem.conn, store, job, roster, filename, principal)
            body = RosterImportAccepted(
                id=job.job_id,
                status=ImportStatus.QUEUED,
                filename=filename,
                total_rows=roster.estimated_rows,
            )
            response = idem.store(202, body, {"Location": f"{router.prefix}/{job.job_id}"})
    except BaseException:
        roster.close()
        raise
    # The job's row and the key have committed: only now may the import start.
    container.spawn(run_import(job, roster, container))
    return response


@router.get("/{import_id}", summary="查询导入进度与错误", responses={404: PROBLEMS[404]})
async def get_roster_import(
    import_id: UUID, principal: Writer, container: ContainerDep
) -> RosterImportOut:
    """Progress of an import (percent, counts) and its row errors (first 1,000)."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
    row = await SqlRosterStore(container.pool).job_in_scope(import_id, scope)
    if row is None:
        raise not_found("导入任务")
    fields = {name: row[name] for name in RosterImportOut.model_fields if name in row}
    return RosterImportOut(
        **fields,
        percent=percent_done(row["status"], row["processed_rows"], row["total_rows"]),
        errors_truncated=row["error_count"] > len(row["errors"]),
    )


async def run_import(job: RosterJob, roster: RosterFile, container: Container) -> None:
    """The background task of one upload; failures end up on the job row and in the log."""
    try:
        store = SqlRosterStore(container.pool)
        await import_roster(job, _rows(roster), store, container.cipher, today=today_in_china())
    except Exception:
        logger.exception("roster import %s failed", job.job_id)
    finally:
        roster.close()


async def _queue(
    conn: Connection,
    store: SqlRosterStore,
    job: RosterJob,
    roster: RosterFile,
    filename: str,
    principal: Principal,
) -> None:
    if roster.estimated_rows > job.max_rows:
        raise too_many_rows(job.max_rows)
    await store.create_job(
        job_id=job.job_id,
        filename=filename,
        union_id=job.union.id,
        employer_id=job.employer_id,
        total_rows=roster.estimated_rows,
        requested_by=principal.subject,
        conn=conn,
    )


async def _admitting_union(
    conn: Connection, store: SqlRosterStore, principal: Principal, union_id: UUID
) -> UnionOrganisation:
    scope = await scope_path(conn, principal)
    union = await store.union_in_scope(union_id, scope, conn=conn)
    if union is None:
        raise not_found("工会组织")
    try:
        union.ensure_admits_members()
    except DomainError as error:
        raise problem_for(error, SERVICE_NAME) from None
    return union


def _archive_limits(settings: MembershipSettings) -> ArchiveLimits:
    return ArchiveLimits(
        max_unpacked_bytes=settings.roster_max_unpacked_bytes,
        max_ratio=settings.roster_max_compression_ratio,
    )


def _open_roster(filename: str, content: bytes, limits: ArchiveLimits) -> RosterFile:
    return open_upload(lambda: RosterFile.open(filename, content, limits), what="花名册")


def _rows(roster: RosterFile) -> Iterator[RawRow]:
    try:
        yield from roster.rows()
    except UnreadableRoster as error:
        raise ImportAborted(error.message) from error
    except Exception as error:  # openpyxl raises assorted parser errors on a damaged sheet
        raise ImportAborted("文件内容已损坏，读取中断") from error
