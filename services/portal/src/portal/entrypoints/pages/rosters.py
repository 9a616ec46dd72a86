"""花名册导入: template, upload, progress and the rows to correct (shown and downloadable)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import error_lists, labels
from portal.entrypoints.pages.members import choices
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Cadre = Annotated[Account, require("city_admin", "union_cadre")]
MAX_ROSTER_BYTES = 20 * 1024 * 1024


async def recent_uploads(
    request: Request, user: Account, limit: int = 10
) -> list[dict[str, object]]:
    """The user's latest imports with their progress (those the service still knows)."""
    container = container_of(request)
    rows = await container.pool.fetch(
        "SELECT import_id FROM roster_uploads WHERE account_id = $1 "
        "ORDER BY created_at DESC LIMIT $2",
        user.id,
        limit,
    )
    api = container.api(user, "membership")
    jobs = []
    for row in rows:
        try:
            jobs.append(await api.get(f"/api/v1/roster-imports/{row['import_id']}"))
        except ApiError:
            continue
    return jobs


@router.get("/rosters")
async def rosters_page(request: Request, user: Cadre) -> Response:
    """花名册导入: the upload form and the latest imports."""
    api = container_of(request).api(user, "membership")
    return render(request, "rosters/index.html", jobs=await recent_uploads(request, user),
                  labels=labels, **await choices(api))  # fmt: skip


@router.get("/rosters/template")
async def template(request: Request, user: Cadre, format: str = "xlsx") -> Response:
    """下载花名册模板 (XLSX 或 CSV)."""
    api = container_of(request).api(user, "membership")
    upstream = await api.raw("/api/v1/roster-imports/template", format=format)
    headers = {"Content-Disposition": upstream.headers.get("content-disposition", "attachment")}
    return Response(upstream.content, media_type=upstream.headers["content-type"], headers=headers)


@router.post("/rosters")
async def upload(request: Request, form: Form, user: Cadre) -> Response:
    """上传花名册: forwarded to membership, which imports it in the background."""
    container = container_of(request)
    api = container.api(user, "membership")
    file = form.get("file")
    values = {name: str(form.get(name, "")) for name in ("union_id", "employer_id")}
    errors: dict[str, str] = {}
    if not isinstance(file, UploadFile) or not file.filename:
        errors["file"] = "请选择花名册文件（.xlsx 或 .csv）"
    for name, what in (("union_id", "基层工会"), ("employer_id", "单位")):
        if not values[name]:
            errors[name] = f"请选择{what}"
    if errors or not isinstance(file, UploadFile):
        return render(request, "rosters/index.html", 422, errors=errors, values=values,
                      jobs=await recent_uploads(request, user), labels=labels,
                      **await choices(api))  # fmt: skip
    content = await file.read(MAX_ROSTER_BYTES + 1)
    files = {"file": (file.filename, content, file.content_type or "application/octet-stream")}
    try:
        job = await api.post("/api/v1/roster-imports", None, key=str(form.get("form_key") or ""),
                             data=values, files=files)  # fmt: skip
    except ApiError as exc:
        return render(request, "rosters/index.html", 422, errors=exc.fields, values=values,
                      api_error=exc, jobs=await recent_uploads(request, user), labels=labels,
                      **await choices(api))  # fmt: skip
    await container.pool.execute(
        "INSERT INTO roster_uploads (import_id, account_id, filename) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING",
        UUID(job["id"]), user.id, job["filename"],
    )  # fmt: skip
    return redirect(f"/rosters/{job['id']}", f"已上传 {job['filename']}，正在导入")


async def _job(request: Request, user: Account, import_id: UUID) -> dict[str, object]:
    api = container_of(request).api(user, "membership")
    job: dict[str, object] = await api.get(f"/api/v1/roster-imports/{import_id}")
    return job


@router.get("/rosters/{import_id}")
async def job_page(request: Request, import_id: UUID, user: Cadre) -> Response:
    """导入进度: the progress bar (refreshed while running) and the row errors."""
    try:
        job = await _job(request, user, import_id)
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    fragment = request.headers.get("HX-Request") == "true"
    name = "rosters/progress.html" if fragment else "rosters/job.html"
    return render(request, name, job=job, labels=labels)


@router.get("/rosters/{import_id}/errors.{file_format}")
async def errors_file(request: Request, import_id: UUID, file_format: str, user: Cadre) -> Response:
    """下载错误清单 (CSV 或 XLSX): row, column and message of each refused row."""
    if file_format not in error_lists.FORMATS:
        return render(request, "error.html", 404, message="没有这种文件格式")
    try:
        job = await _job(request, user, import_id)
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    return error_lists.download(job, "花名册", file_format)
