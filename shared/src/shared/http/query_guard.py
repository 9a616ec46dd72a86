"""Refuse query parameters holding a NUL character before any route sees them.

PostgreSQL's text cannot store NUL: a filter such as ``?name=%00`` would otherwise reach a
query and fail there (a 500). It is answered 422, naming the parameter, like any bad value.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from shared.http.problems import TITLES, FieldError, Problem


class NulQueryMiddleware:
    """Answer 422 problem+json for a query parameter (name or value) containing NUL."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (name := _nul_parameter(scope)) is not None:
            problem = Problem(
                422,
                TITLES[422],
                "请按 errors 中的说明修改后重试",
                errors=[FieldError(f"query.{name}", "不能包含空字符 (NUL)")],
            )
            await problem.to_response(scope["path"])(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _nul_parameter(scope: Scope) -> str | None:
    raw: bytes = scope.get("query_string", b"")
    if b"%00" not in raw and b"\x00" not in raw:
        return None
    for name, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        if "\x00" in name or "\x00" in value:
            return name.replace("\x00", "")
    return None
