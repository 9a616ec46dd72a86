"""The FastAPI application every service starts from."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import APIRouter, FastAPI, Response
from fastapi.openapi.utils import get_openapi
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from shared.auth.dependencies import BEARER_SCHEME_NAME
from shared.http.domain_errors import install_domain_error_handler
from shared.http.health import ReadinessCheck, health_router
from shared.http.middleware import RequestTelemetryMiddleware
from shared.http.problems import DEFAULT_MAX_BODY_BYTES, install_problem_handlers
from shared.logging import configure_logging
from shared.pii import PiiCipher
from shared.settings import ServiceSettings
from shared.telemetry import setup_tracing

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[Any]]


def create_app(
    *,
    title: str,
    version: str,
    settings: ServiceSettings,
    service_name: str,
    readiness: Mapping[str, ReadinessCheck],
    lifespan: Lifespan | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    body_allowances: Mapping[str, int] | None = None,
    description: str = "",
    routers: Sequence[APIRouter] = (),
) -> FastAPI:
    """A FastAPI app with the platform's error shape, probes, metrics, tracing and access log.

    Args:
        title: OpenAPI title (Chinese first).
        version: OpenAPI version of the service's API.
        settings: kept on ``app.state.settings``; authentication reads it from there.
        service_name: the ``service`` label of metrics and logs and the tracing service name.
        readiness: checks behind ``/readyz``. Copied to ``app.state.readiness``, which the
            probe reads each time, so a lifespan may add checks for what it opens.
        lifespan: the service's own lifespan (pools, NATS, background tasks).
        max_body_bytes: largest request body accepted; larger ones get 413.
        body_allowances: the routes that take a larger body (an upload) and their limit,
            keyed ``"METHOD /path"`` (``{parameter}`` templates allowed); keep them few.
        description: the OpenAPI description (Chinese first).
        routers: the service's routers, one per resource.
    """
    setup_tracing(service_name)
    configure_logging(service_name, settings.log_level)
    # Spans come from RequestTelemetryMiddleware and metrics from Prometheus: FastAPI's own
    # OpenTelemetry layer would only add a second server span and per-request cost.
    app = FastAPI(
        title=title,
        version=version,
        description=description,
        lifespan=lifespan,
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.service_name = service_name
    app.state.readiness = dict(readiness)
    # Stored idempotent responses are sealed with the service's personal-data key.
    app.state.response_sealer = PiiCipher.from_settings(settings)
    install_problem_handlers(app, max_body_bytes=max_body_bytes, body_allowances=body_allowances)
    install_domain_error_handler(app, service_name)
    app.add_middleware(RequestTelemetryMiddleware, service_name=service_name)
    app.include_router(health_router(app.state.readiness))
    app.add_api_route("/metrics", _metrics, methods=["GET"], include_in_schema=False)
    _document_bearer_scheme(app)
    for router in routers:
        app.include_router(router)
    return app


async def _metrics() -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


def _document_bearer_scheme(app: FastAPI) -> None:
    """Declare the bearer scheme even before any route depends on it, for API consumers."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                routes=app.routes,
                description=app.description,
            )
            schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
            schemes.setdefault(
                BEARER_SCHEME_NAME, {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            )
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
