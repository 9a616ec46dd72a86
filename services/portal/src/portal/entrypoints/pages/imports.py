"""批量导入 (assistance): pick a kind, download its template, upload a file, then follow the job
until done with each refused row's number, column and message."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import error_lists, labels
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import redirect, render

router = APIRouter(include_in_schema=False)
Officer = Annotated[Account, require("city_admin", "assistance_officer")]
KINDS = {
    "visits": "走访慰问",
    "households": "困难职工档案",
    "insurance-enrolments": "互助保障参保",
    "insurance-claims": "互助保障报销",
    "festival-lists": "节日慰问名单",
}
BATCH_FIELDS = ("year", "budget_org_id", "amount_yuan", "method", "paid_on")
MAX_IMPORT_BYTES = 11 * 1024 * 1024  # the service refuses beyond its 10 MB with its own words


def _kind_or_404(kind: str) -> str:
    if kind not in KINDS:
        raise ApiError(404, "没有这种导入", fields={"kind": "请选择导入类别"})
    return kind


def upload_fields(kind: str, form: Any) -> tuple[dict[str, str], dict[str, str]]:
    """The multipart fields sent with the file, and the form's own errors (the amount)."""
    if kind == "households":
        return {"org_id": str(form.get("org_id") or "")}, {}
    if kind != "festival-lists":
        return {}, {}
    values = {name: str(form.get(name) or "").strip() for name in BATCH_FIELDS}
    fen = labels.fen_of(values.pop("amount_yuan"))
    errors = {} if fen else {"amount_fen": "请填写每户金额（元，最多两位小数）"}
    return {**{k: v for k, v in values.items() if v}, "amount_fen": str(fen or "")}, errors


async def _index(request: Request, user: Account, kind: str, status: int = 200,
                 **context: Any) -> Response:  # fmt: skip
    errors = dict(context.pop("errors", {}))
    if "amount_fen" in errors:  # the amount is typed in yuan
        errors["amount_yuan"] = errors.pop("amount_fen")
    organisations = (
        await container_of(request).api(user, "membership").get("/api/v1/organisations", limit=500)
    )
    return render(request, "imports/index.html", status, kind=kind, kinds=KINDS, labels=labels,
                  organisations=organisations["items"], errors=errors, **context)  # fmt: skip


@router.get("/imports")
async def imports_page(request: Request, user: Officer, kind: str = "visits") -> Response:
    """批量导入: the kind chosen, its template and the upload form."""
    return await _index(request, user, kind if kind in KINDS else "visits")


@router.get("/imports/{kind}/template")
async def template(request: Request, kind: str, user: Officer, format: str = "xlsx") -> Response:
    """下载导入模板 (XLSX 或 CSV)."""
    api = container_of(request).api(user, "assistance")
    try:
        upstream = await api.raw(f"/api/v1/imports/{_kind_or_404(kind)}/template", format=format)
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    headers = {"Content-Disposition": upstream.headers.get("content-disposition", "attachment")}
    return Response(upstream.content, media_type=upstream.headers["content-type"], headers=headers)


@router.post("/imports/{kind}")
async def upload(request: Request, kind: str, form: Form, user: Officer) -> Response:
    """上传导入文件: forwarded to assistance, which imports it in the background."""
    if kind not in KINDS:
        return render(request, "error.html", 404, message="没有这种导入")
    file = form.get("file")
    data, errors = upload_fields(kind, form)
    if not isinstance(file, UploadFile) or not file.filename:
        errors["file"] = "请选择要导入的文件（.xlsx 或 .csv）"
    values = {name: str(form.get(name, "")) for name in form if name != "file"}
    if errors or not isinstance(file, UploadFile):
        return await _index(request, user, kind, 422, errors=errors, values=values)
    content = await file.read(MAX_IMPORT_BYTES)
    files = {"file": (file.filename, content, file.content_type or "application/octet-stream")}
    api = container_of(request).api(user, "assistance")
    try:
        job = await api.post(f"/api/v1/imports/{kind}", None, key=str(form.get("form_key") or ""),
                             data=data, files=files)  # fmt: skip
    except ApiError as exc:
        return await _index(request, user, kind, 422, errors=exc.fields, values=values,
                            api_error=exc)  # fmt: skip
    return redirect(f"/imports/{kind}/{job['id']}", f"已上传 {job['filename']}，正在导入")


@router.get("/imports/{kind}/{import_id}")
async def job_page(request: Request, kind: str, import_id: UUID, user: Officer) -> Response:
    """导入进度: refreshed while running; then each refused row with its column and message."""
    api = container_of(request).api(user, "assistance")
    try:
        job = await api.get(f"/api/v1/imports/{_kind_or_404(kind)}/{import_id}")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    fragment = request.headers.get("HX-Request") == "true"
    name = "imports/progress.html" if fragment else "imports/job.html"
    return render(request, name, job=job, kinds=KINDS, labels=labels)


@router.get("/imports/{kind}/{import_id}/errors.{file_format}")
async def errors_file(request: Request, kind: str, import_id: UUID, file_format: str,
                      user: Officer) -> Response:  # fmt: skip
    """下载错误清单 (CSV 或 XLSX): each refused row's number, column and message."""
    if file_format not in error_lists.FORMATS:
        return render(request, "error.html", 404, message="没有这种文件格式")
    api = container_of(request).api(user, "assistance")
    try:
        job = await api.get(f"/api/v1/imports/{_kind_or_404(kind)}/{import_id}")
    except ApiError as exc:
        return render(request, "error.html", exc.status, api_error=exc)
    return error_lists.download(job, KINDS[kind], file_format)
