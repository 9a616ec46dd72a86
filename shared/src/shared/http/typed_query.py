"""Query parameters of the API read exactly as the OpenAPI document types them.

FastAPI validates query values with pydantic's lax mode, which reads more than the document
says: ``?until=0`` is the date 1970-01-01 (a Unix time), ``?limit=1.0`` and ``?limit=+1`` are
the integer 1, ``?needs_review=0`` is ``false``. A client that sends such a value has a bug,
and answering it with data hides the bug. Before FastAPI sees an ``/api/`` request, this
middleware checks each value of a typed query parameter (integer, boolean, date, date-time,
UUID — as the service's own OpenAPI document declares it) against the text that type is
written as, and answers 422 problem+json naming the parameter, in Chinese, for any other —
an empty value included: a filter not wanted is left out, never sent empty. Text and enum
parameters are FastAPI's to check; the HTML pages (whose forms send empty fields) are not
concerned. A request without credentials (no ``Authorization`` header, no cookie) is left to
the route, so that an anonymous caller hears 401 before anything about its query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from shared.http.problems import TITLES, FieldError, Problem

API_PREFIX = "/api/"
EMPTY_MESSAGE = "不能为空；不需要该条件时请省略此参数"
_DATE = r"\d{4}-\d{2}-\d{2}"
_TIME = r"[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?"
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
Spelling = tuple[re.Pattern[str], str]
SPELLINGS: dict[str, Spelling] = {
    "integer": (re.compile(r"-?\d{1,19}"), "应为整数"),
    "boolean": (re.compile(r"true|false"), "应为布尔值（true 或 false）"),
    "date": (re.compile(_DATE), "应为日期（YYYY-MM-DD）"),
    "date-time": (re.compile(_DATE + _TIME, re.I), "应为日期时间（ISO 8601）"),
    "uuid": (re.compile(_UUID, re.I), "应为 UUID"),
}
"""How each typed value is written: by JSON Schema ``type``, or ``format`` for strings."""

Kinds = dict[str, str]
"""Query parameter name → its key in :data:`SPELLINGS`."""


def schema_kind(schema: dict[str, Any]) -> str | None:
    """The key in :data:`SPELLINGS` of a parameter's JSON Schema, if it is typed."""
    options = [o for o in schema.get("anyOf", [schema]) if o.get("type") != "null"]
    if len(options) != 1:
        return None
    option = options[0]
    if option.get("type") == "array":
        return schema_kind(option.get("items", {}))
    key = option.get("format") if option.get("type") == "string" else option.get("type")
    return key if key in SPELLINGS else None


def operation_kinds(operation: dict[str, Any]) -> Kinds:
    """The typed query parameters of one operation of the document."""
    kinds: Kinds = {}
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "query":
            kind = schema_kind(parameter.get("schema", {}))
            if kind is not None:
                kinds[parameter["name"]] = kind
    return kinds


def query_errors(pairs: Iterable[tuple[str, str]], kinds: Kinds) -> list[FieldError]:
    """One error per typed parameter with a value not written as its type is."""
    errors: dict[str, FieldError] = {}
    for name, value in pairs:
        if name not in kinds or name in errors:
            continue
        pattern, message = SPELLINGS[kinds[name]]
        if value == "":
            errors[name] = FieldError(f"query.{name}", EMPTY_MESSAGE)
        elif not pattern.fullmatch(value):
            errors[name] = FieldError(f"query.{name}", message)
    return list(errors.values())


class QueryTable:
    """Each documented API path and method → its typed query parameters."""

    def __init__(self, document: dict[str, Any]) -> None:
        self._paths: list[tuple[int, re.Pattern[str], dict[str, Kinds]]] = []
        for template, operations in document.get("paths", {}).items():
            if not template.startswith(API_PREFIX):
                continue
            methods = {m.upper(): operation_kinds(op) for m, op in operations.items()}
            regex = re.compile(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)))
            self._paths.append((template.count("{"), regex, methods))
        self._paths.sort(key=lambda entry: entry[0])  # literal segments before parameters

    def kinds(self, method: str, path: str) -> Kinds:
        """The typed query parameters of the operation a request reaches (none if unknown)."""
        for _, regex, methods in self._paths:
            if regex.fullmatch(path):
                return methods.get(method, {})
        return {}


class TypedQueryMiddleware:
    """Answer 422 problem+json for a typed query value of an API operation written otherwise.

    Args:
        app: the next ASGI application.
        document: returns the service's OpenAPI document (read at the first API request,
            when every router is in).
    """

    def __init__(self, app: ASGIApp, *, document: Callable[[], dict[str, Any]]) -> None:
        self.app = app
        self._document = document
        self._table: QueryTable | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["path"].startswith(API_PREFIX)
            and _carries_credentials(scope)  # without any, the route's 401 comes first
        ):
            errors = self._errors(scope)
            if errors:
                problem = Problem(422, TITLES[422], "请按 errors 中的说明修改后重试", errors=errors)
                await problem.to_response(scope["path"])(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _errors(self, scope: Scope) -> list[FieldError]:
        raw: bytes = scope.get("query_string", b"")
        if not raw:
            return []
        if self._table is None:
            self._table = QueryTable(self._document())
        kinds = self._table.kinds(scope["method"], scope["path"])
        if not kinds:
            return []
        return query_errors(parse_qsl(raw.decode("latin-1"), keep_blank_values=True), kinds)


def _carries_credentials(scope: Scope) -> bool:
    return any(name in (b"authorization", b"cookie") for name, _ in scope.get("headers", ()))
