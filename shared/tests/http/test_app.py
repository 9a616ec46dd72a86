"""The application factory: metrics by route template, OpenAPI security, access log."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable

import httpx
from fastapi import FastAPI
from prometheus_client import REGISTRY
from pydantic import SecretStr
from shared.auth import CurrentPrincipal
from shared.logging import configure_logging
from shared.settings import ServiceSettings

Client = Callable[[FastAPI], httpx.AsyncClient]


def duration_count(service: str, route: str, status: str) -> float | None:
    return REGISTRY.get_sample_value(
        "unionhub_http_request_duration_seconds_count",
        {"service": service, "method": "GET", "route": route, "status": status},
    )


async def test_request_latency_is_recorded_by_route_template(
    make_app: Callable[..., FastAPI], client_for: Client
) -> None:
    service = f"svc-{uuid.uuid4().hex[:8]}"
    app = make_app(service_name=service)

    @app.get("/members/{member_id}")
    async def get_member(member_id: str) -> dict[str, str]:
        return {"id": member_id}

    client = client_for(app)
    for member_id in ("a", "b", "c"):
        await client.get(f"/members/{member_id}")
    await client.get("/nowhere/at/all")
    metrics = await client.get("/metrics")

    assert duration_count(service, "/members/{member_id}", "200") == 3
    assert duration_count(service, "/members/a", "200") is None
    assert duration_count(service, "unmatched", "404") == 1
    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain")
    assert f'service="{service}"' in metrics.text


async def test_openapi_declares_the_bearer_scheme(
    make_app: Callable[..., FastAPI], client_for: Client
) -> None:
    bare = make_app()
    guarded = make_app()

    @guarded.get("/me")
    async def me(principal: CurrentPrincipal) -> dict[str, str]:
        return {"subject": principal.subject}

    bare_schema = (await client_for(bare).get("/openapi.json")).json()
    guarded_schema = (await client_for(guarded).get("/openapi.json")).json()

    expected = {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    assert bare_schema["components"]["securitySchemes"]["bearerAuth"] == expected
    assert guarded_schema["paths"]["/me"]["get"]["security"] == [{"bearerAuth": []}]
    assert "/metrics" not in guarded_schema["paths"]
    assert "/readyz" in guarded_schema["paths"]


async def test_each_request_writes_an_access_line_with_its_trace_id(
    make_app: Callable[..., FastAPI], client_for: Client
) -> None:
    service = f"svc-{uuid.uuid4().hex[:8]}"
    app = make_app(service_name=service)
    seen: dict[str, str | None] = {}

    @app.get("/ping/{who}")
    async def ping(who: str) -> dict[str, str]:
        from shared.telemetry import current_trace_id

        seen["trace_id"] = current_trace_id()
        return {"pong": who}

    lines = io.StringIO()
    configure_logging(service, "INFO", stream=lines)
    await client_for(app).get("/ping/13812345678", params={"id": "110101199003071234"})

    access = [
        json.loads(line)
        for line in lines.getvalue().splitlines()
        if json.loads(line)["logger"] == "shared.http.access"
    ]
    assert len(access) == 1
    line = access[0]
    assert line["service"] == service
    assert line["http_route"] == "/ping/{who}"
    assert line["http_status"] == 200
    assert seen["trace_id"] is not None
    assert line["trace_id"] == seen["trace_id"]
    assert line["message"].startswith("GET /ping/138****5678 200 ")
    assert "?" not in line["message"]  # query strings stay out of the access log
    assert "110101199003071234" not in lines.getvalue()  # other loggers' lines are masked


async def test_metrics_are_behind_the_scrape_token_when_one_is_set(
    make_app: Callable[..., FastAPI], client_for: Client, settings: ServiceSettings
) -> None:
    guarded = make_app(settings=settings.model_copy(update={"metrics_token": SecretStr("scrape")}))
    closed = make_app(settings=settings.model_copy(update={"environment": "production"}))
    client, elsewhere = client_for(guarded), client_for(closed)

    anonymous = await client.get("/metrics")
    wrong = await client.get("/metrics", headers={"Authorization": "Bearer guess"})
    scraped = await client.get("/metrics", headers={"Authorization": "Bearer scrape"})
    unconfigured = await elsewhere.get("/metrics")

    assert anonymous.status_code == wrong.status_code == unconfigured.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"
    assert scraped.status_code == 200
    assert scraped.headers["content-type"].startswith("text/plain")
