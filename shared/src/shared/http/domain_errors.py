"""Domain errors as problem+json: the Chinese message, the field at fault, a stable type."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response

from shared.http.problems import FieldError, Problem
from shared.seedwork import Conflict, DomainError, NotFound, NotInScope


def problem_for(error: DomainError, service: str) -> Problem:
    """Map the four families of domain errors to HTTP statuses.

    The problem's ``type`` is ``urn:unionhub:problem:<service>.<code>``.
    """
    errors = [FieldError(field=error.field, message=error.message)] if error.field else None
    type_ = f"urn:unionhub:problem:{service}.{error.code}"
    if isinstance(error, NotFound):
        return Problem(404, "资源不存在", error.message, type_=type_, errors=errors)
    if isinstance(error, NotInScope):
        return Problem(403, "超出管辖范围", error.message, type_=type_, errors=errors)
    if isinstance(error, Conflict):
        return Problem(409, "与现有数据冲突", error.message, type_=type_, errors=errors)
    return Problem(422, "不符合业务规则", error.message, type_=type_, errors=errors)


def install_domain_error_handler(app: FastAPI, service: str) -> None:
    """Render every :class:`DomainError` a handler raises as problem+json."""

    async def handle(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DomainError)
        return problem_for(exc, service).to_response(str(request.url.path))

    app.add_exception_handler(DomainError, handle)
