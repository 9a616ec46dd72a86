"""Every API route checks the caller before the query: no token and a bad period is 401, not 422.

The app runs without its lifespan (no database): a route that authenticates first never gets
as far as needing one.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from reporting.config import ReportingSettings
from reporting.entrypoints.app import create_app
from shared.auth import issue_token

BAD_QUERY = {"org_id": "not-a-uuid", "period": "2024H3", "format": "pdf"}


@pytest.fixture(scope="module")
def settings() -> ReportingSettings:
    return ReportingSettings(environment="test")


@pytest.fixture(scope="module")
def api_paths(settings: ReportingSettings) -> list[tuple[str, set[str]]]:
    """Each ``GET /api/…`` path with a UUID for its path parameters, and its query names."""
    schema: dict[str, Any] = create_app(settings).openapi()
    paths = []
    for template, operations in schema["paths"].items():
        if not template.startswith("/api/") or "get" not in operations:
            continue
        parameters = operations["get"].get("parameters", [])
        path = template
        for parameter in parameters:
            if parameter["in"] == "path":
                path = path.replace("{" + parameter["name"] + "}", str(uuid.uuid4()))
        paths.append((path, {p["name"] for p in parameters if p["in"] == "query"}))
    return paths


@pytest_asyncio.fixture
async def client(settings: ReportingSettings) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://r.test") as client:
        yield client


async def test_every_api_route_answers_401_before_validating_the_query(
    client: httpx.AsyncClient, api_paths: list[tuple[str, set[str]]]
) -> None:
    assert len(api_paths) >= 6  # statistics, children, export, the assistance three, timeline

    for path, _ in api_paths:
        response = await client.get(path, params=BAD_QUERY)

        assert response.status_code == 401, (path, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["title"] == "未认证"


async def test_a_signed_in_caller_still_hears_what_is_wrong_with_the_period(
    client: httpx.AsyncClient, settings: ReportingSettings, api_paths: list[tuple[str, set[str]]]
) -> None:
    token = issue_token(settings, subject="analyst-1", roles=["city_admin"], org_id=None)
    with_period = [path for path, query in api_paths if "period" in query]
    assert with_period

    for path in with_period:
        response = await client.get(
            path,
            params={"org_id": str(uuid.uuid4()), "period": "2024H3"},
            headers={"Authorization": f"Bearer {token}"},
        )

        assert response.status_code == 422, (path, response.text)
        assert [error["field"] for error in response.json()["errors"]] == ["period"]
