"""The OpenAPI document every service publishes, telling the truth about errors.

FastAPI documents only a route's success and its 422 as ``application/json``. Every route of the
platform also answers problem+json (RFC 9457) for a bad body or key (400), a missing or expired
token (401), a role or scope refused (403), a target unknown (404), a conflict (409), a body too
large (413), a body of the wrong media type (415, where there is a body), a rule broken (422)
and a database outage (503): all are declared, with the problem
schema, so clients and contract tests (schemathesis) can rely on the document.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.openapi.utils import get_openapi

from shared.auth.dependencies import BEARER_SCHEME_NAME
from shared.http.problems import PROBLEM_MEDIA_TYPE, TITLES, ProblemDetails

PROBLEM_STATUSES = (400, 401, 403, 404, 409, 413, 422, 503)
_PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetails"}
_METHODS = frozenset({"get", "put", "post", "patch", "delete", "head", "options"})


_DOCUMENTS: dict[tuple[object, ...], tuple[Sequence[APIRouter], dict[str, Any]]] = {}
"""Documents already built in this process, with the routers each was built from (kept, so that
their ids stay theirs). A service runs one app a process, but tests build an app a test from the
same routers, and a document costs a third of a second or more to build (the first request with
a query string needs it, see ``shared.http.typed_query``)."""


def install_openapi(app: FastAPI, routers: Sequence[APIRouter] = ()) -> None:
    """Build the app's document once: the bearer scheme and the problem+json answers.

    Args:
        app: the service's app.
        routers: the service's routers. An app of this process with the same title, version,
            description, routers and number of routes gets a copy of the document built first.
    """

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _document(app, tuple(routers))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _document(app: FastAPI, routers: tuple[APIRouter, ...]) -> dict[str, Any]:
    key = (app.title, app.version, app.description, len(app.routes), *map(id, routers))
    if routers and key in _DOCUMENTS:
        return copy.deepcopy(_DOCUMENTS[key][1])
    schema = get_openapi(
        title=app.title, version=app.version, routes=app.routes, description=app.description
    )
    _declare_bearer_scheme(schema)
    _declare_problems(schema)
    if routers:
        _DOCUMENTS[key] = (routers, copy.deepcopy(schema))
    return schema


def _declare_bearer_scheme(schema: dict[str, Any]) -> None:
    # Declared even before any route depends on it, for API consumers.
    schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes.setdefault(
        BEARER_SCHEME_NAME, {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    )


def _declare_no_nul(schema: dict[str, Any]) -> None:
    # The query guard refuses NUL in any parameter (PostgreSQL text cannot hold it).
    for option in [schema, *schema.get("anyOf", [])]:
        if option.get("type") == "string" and "format" not in option:
            option.setdefault("pattern", "^[^\\x00]*$")


def _declare_problems(schema: dict[str, Any]) -> None:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ProblemDetails"] = ProblemDetails.model_json_schema()
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method in _METHODS:
                _declare_operation_problems(operation)
    # FastAPI's own validation error shapes are never sent: the 422 is problem+json.
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)


def _declare_operation_problems(operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        _declare_no_nul(parameter.get("schema", {}))
    responses = operation.setdefault("responses", {})
    # A body of a media type the route does not read (an upload of the wrong kind) is a 415.
    statuses = (*PROBLEM_STATUSES, 415) if "requestBody" in operation else PROBLEM_STATUSES
    for status in statuses:
        declared = responses.get(str(status), {})
        responses[str(status)] = {
            "description": declared.get("description") or TITLES.get(status, str(status)),
            "content": {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM_REF}},
        }
