"""RFC 9457 problem details: the one error shape every service returns.

A route raises :class:`Problem` (or one of the helpers below); :func:`install_problem_handlers`
turns it, FastAPI's validation errors, ``HTTPException`` and anything unhandled into
``application/problem+json`` with a Chinese ``title``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from shared.http.validation import chinese_message, field_path
from shared.telemetry import current_trace_id

PROBLEM_MEDIA_TYPE = "application/problem+json"
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024

TITLES: dict[int, str] = {
    400: "请求无效",
    401: "未认证",
    403: "无权执行此操作",
    404: "资源不存在",
    405: "不支持该请求方法",
    406: "无法提供所请求的格式",
    409: "与资源的当前状态冲突",
    410: "资源已不存在",
    412: "前置条件不满足",
    413: "请求体过大",
    415: "不支持的媒体类型",
    422: "请求参数无效",
    429: "请求过于频繁",
    500: "服务器内部错误",
    503: "服务暂不可用",
}


@dataclass(frozen=True)
class FieldError:
    """One invalid field: its path (``body.id_number``) and a message for the user."""

    field: str
    message: str


class ProblemDetails(BaseModel):
    """The problem+json body, for ``responses=`` in route declarations (OpenAPI)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[dict[str, str]] | None = None


class Problem(Exception):
    """An error a route raises to answer with problem details.

    Args:
        status: HTTP status code.
        title: short Chinese summary, the same for every occurrence of this kind of problem.
        detail: explanation of this occurrence.
        type_: a URI naming the problem type; ``about:blank`` means "see the status code".
        errors: per-field errors (validation).
        headers: extra response headers, e.g. ``WWW-Authenticate``.
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        *,
        type_: str = "about:blank",
        errors: list[FieldError] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {title}" + (f": {detail}" if detail else ""))
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type_
        self.errors = errors
        self.headers = dict(headers or {})

    def body(self, instance: str | None = None) -> dict[str, Any]:
        """The JSON members; ``trace_id`` lets an operator find the request's trace."""
        content: dict[str, Any] = {"type": self.type, "title": self.title, "status": self.status}
        if self.detail is not None:
            content["detail"] = self.detail
        if instance is not None:
            content["instance"] = instance
        if self.errors is not None:
            content["errors"] = [{"field": e.field, "message": e.message} for e in self.errors]
        trace_id = current_trace_id()
        if trace_id is not None:
            content["trace_id"] = trace_id
        return content

    def to_response(self, instance: str | None = None) -> JSONResponse:
        """The ``application/problem+json`` response."""
        return JSONResponse(
            self.body(instance),
            status_code=self.status,
            headers=self.headers,
            media_type=PROBLEM_MEDIA_TYPE,
        )


def not_found(what: str) -> Problem:
    """404 for a missing resource, e.g. ``not_found("会员")``."""
    return Problem(404, "资源不存在", f"{what}不存在")


def conflict(title: str, detail: str | None = None) -> Problem:
    """409 for a request that contradicts the resource's current state."""
    return Problem(409, title, detail)


def forbidden(detail: str | None = None) -> Problem:
    """403 for a caller without the role or the organisation scope."""
    return Problem(403, TITLES[403], detail)


def field_error(field: str, message: str) -> Problem:
    """422 naming one field, for checks a route makes beyond the schema."""
    return Problem(422, TITLES[422], errors=[FieldError(field, message)])


def title_for(status: int) -> str:
    """The Chinese title of a status code, falling back to its English reason phrase."""
    if status in TITLES:
        return TITLES[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return TITLES[500] if status >= 500 else TITLES[400]


def install_problem_handlers(
    app: FastAPI,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    body_allowances: Mapping[str, int] | None = None,
) -> None:
    """Answer every error with problem details and cap request bodies at ``max_body_bytes``.

    Installs handlers for :class:`Problem`, validation errors and ``HTTPException`` (404 for
    unknown routes included), plus middleware turning unhandled exceptions into a bare 500,
    refusing oversized bodies with 413 and typed query values spelled otherwise than the
    document says (``shared.http.typed_query``) with 422. ``body_allowances`` gives the few routes that take a
    larger body (uploads) their own limit, keyed ``"METHOD /path"``.
    """
    # Imported here because the middleware renders its responses with Problem.
    from shared.http.middleware import BodySizeLimitMiddleware, UnhandledErrorMiddleware
    from shared.http.query_guard import NulQueryMiddleware
    from shared.http.typed_query import TypedQueryMiddleware

    app.add_exception_handler(Problem, _handle_problem)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _handle_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _handle_http)  # type: ignore[arg-type]
    app.add_middleware(
        BodySizeLimitMiddleware, max_body_bytes=max_body_bytes, allowances=body_allowances
    )
    app.add_middleware(TypedQueryMiddleware, document=lambda: app.openapi())
    app.add_middleware(NulQueryMiddleware)
    app.add_middleware(UnhandledErrorMiddleware)


async def _handle_problem(request: Request, exc: Problem) -> JSONResponse:
    return exc.to_response(request.url.path)


async def _handle_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    invalid = next((error for error in errors if error.get("type") == "json_invalid"), None)
    if invalid is not None:
        problem = Problem(400, "请求体不是合法的 JSON", json_error_detail(invalid, exc.body))
        return problem.to_response(request.url.path)
    field_errors = [FieldError(field_path(e["loc"]), chinese_message(e)) for e in errors]
    problem = Problem(422, TITLES[422], "请按 errors 中的说明修改后重试", errors=field_errors)
    return problem.to_response(request.url.path)


def json_error_detail(error: Mapping[str, Any], document: object) -> str:
    """Where a request body stops being JSON, in Chinese: line, column and what is wrong.

    Args:
        error: FastAPI's ``json_invalid`` error; its ``loc`` ends with the character offset.
        document: the body text the parser read.
    """
    detail = "请检查请求体的 JSON 语法"
    loc = error.get("loc") or ()
    offset = loc[-1] if loc else None
    if isinstance(offset, int) and isinstance(document, str):
        line = document.count("\n", 0, offset) + 1
        column = offset - (document.rfind("\n", 0, offset) + 1) + 1
        detail += f"：第 {line} 行第 {column} 列"
    reason = str((error.get("ctx") or {}).get("error", ""))
    for english, chinese in _JSON_REASONS:
        if reason.startswith(english):
            return f"{detail}（{chinese}）"
    return detail


async def _handle_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    default_phrase = _phrase(exc.status_code)
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != default_phrase else None
    if detail is not None:
        detail = _chinese_detail(detail)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    problem = Problem(exc.status_code, title_for(exc.status_code), detail, headers=headers)
    return problem.to_response(request.url.path)


def _allowed_methods(request: Request) -> list[str]:
    """Every method any route of the path answers: Starlette names only the first route's, and
    a resource is often two routes (``GET`` and ``POST /members``)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        route_methods = getattr(route, "methods", None)
        if match is not Match.NONE and route_methods:
            methods |= set(route_methods)
    return sorted(methods)


def _phrase(status: int) -> str | None:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return None


# Reasons of Python's JSON decoder, by the start of their message.
_JSON_REASONS = (
    ("Expecting value", "此处应为一个值"),
    ("Expecting property name enclosed in double quotes", "此处应为双引号括起的字段名"),
    ("Expecting ':' delimiter", "此处缺少冒号"),
    ("Expecting ',' delimiter", "此处缺少逗号"),
    ("Unterminated string", "字符串没有结束的双引号"),
    ("Invalid control character", "字符串中含有控制字符"),
    ("Invalid \\escape", "无效的转义序列"),
    ("Invalid \\uXXXX escape", "无效的 \\u 转义序列"),
    ("Extra data", "JSON 之后还有多余的内容"),
)
# English details FastAPI and Starlette raise themselves, said in Chinese.
_CHINESE_DETAILS = {
    "There was an error parsing the body": "无法解析请求体：请以 UTF-8 编码发送合法的 JSON 或表单",
    "Missing boundary in multipart.": "multipart 请求缺少 boundary",
}
_CHINESE_DETAIL_PREFIXES = (
    ("Too many files", "上传的文件过多"),
    ("Too many fields", "表单字段过多"),
    ("Part exceeded maximum size", "表单字段过大"),
)


def _chinese_detail(detail: str) -> str:
    if detail in _CHINESE_DETAILS:
        return _CHINESE_DETAILS[detail]
    for english, chinese in _CHINESE_DETAIL_PREFIXES:
        if detail.startswith(english):
            return f"{chinese}（{detail}）"
    return detail
