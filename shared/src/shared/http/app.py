"""The FastAPI application every service starts from."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from shared.http.docs import install_offline_docs
from shared.http.domain_errors import install_domain_error_handler
from shared.http.health import ReadinessCheck, health_router
from shared.http.middleware import RequestTelemetryMiddleware
from shared.http.openapi import install_openapi
from shared.http.problems import (
    DEFAULT_MAX_BODY_BYTES,
    TITLES,
    Problem,
    install_problem_handlers,
)
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
        docs_url=None,
        redoc_url=None,
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
    app.add_api_route(
        "/metrics", _metrics_route(settings), methods=["GET"], include_in_schema=False
    )
    install_openapi(app, routers)
    install_offline_docs(app)
    for router in routers:
        app.include_router(router)
    return app


def _metrics_route(settings: ServiceSettings) -> Callable[[Request], Awaitable[Response]]:
    """``/metrics`` for Prometheus, behind the scrape token when one is set, so the public port
    discloses no counts of the work to anyone but the monitoring. Without a token it is open only
    in ``dev`` and ``test`` (the loopback stack) and closed elsewhere."""
    token = settings.metrics_token
    expected = f"Bearer {token.get_secret_value()}".encode() if token is not None else None
    closed = expected is None and settings.environment not in ("dev", "test")

    async def metrics(request: Request) -> Response:
        if closed:
            raise Problem(401, TITLES[401], "未配置监控采集令牌 (METRICS_TOKEN)")
        if expected is not None:
            given = request.headers.get("authorization", "").encode()
            if not hmac.compare_digest(given, expected):
                raise Problem(
                    401, TITLES[401], "需要监控采集令牌", headers={"WWW-Authenticate": "Bearer"}
                )
        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

    return metrics
