"""Helpers for the HTTP kit's tests: settings, tokens and an in-process client."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from shared.auth import issue_token
from shared.http.app import create_app
from shared.settings import ServiceSettings

TEST_SECRET = "http-kit-test-secret-0123456789abcdef"


@pytest.fixture
def settings() -> ServiceSettings:
    return ServiceSettings(
        environment="test",
        jwt_secret=TEST_SECRET,
        jwt_public_key=None,
        jwt_issuer="unionhub-test",
        jwt_audience="unionhub-api",
    )


@pytest.fixture
def org_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def cadre_token(settings: ServiceSettings, org_id: str) -> str:
    return issue_token(settings, subject="cadre-1", roles=["union_cadre"], org_id=org_id)


@pytest.fixture
def make_app(settings: ServiceSettings) -> Callable[..., FastAPI]:
    """``create_app`` with test defaults; a fresh service name keeps metric series apart."""

    def make(**overrides: object) -> FastAPI:
        options: dict[str, object] = {
            "title": "测试服务",
            "version": "0.0.1",
            "settings": settings,
            "service_name": f"svc-{uuid.uuid4().hex[:8]}",
            "readiness": {},
        }
        options.update(overrides)
        return create_app(**options)  # type: ignore[arg-type]

    return make


@pytest_asyncio.fixture
async def client_for() -> AsyncIterator[Callable[[FastAPI], httpx.AsyncClient]]:
    """Clients speaking to an app in-process; closed after the test."""
    clients: list[httpx.AsyncClient] = []

    def open_client(app: FastAPI) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app)
        client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        clients.append(client)
        return client

    yield open_client
    for client in clients:
        await client.aclose()
