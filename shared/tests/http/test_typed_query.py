"""Typed query values of the API are read as the document types them, never more loosely."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated
from uuid import UUID

import httpx
import pytest
from fastapi import APIRouter, FastAPI, Query
from shared.http.pagination import Page, PageDep

Client = Callable[[FastAPI], httpx.AsyncClient]


class Colour(StrEnum):
    RED = "red"


def typed_router() -> APIRouter:
    router = APIRouter()

    @router.get("/api/v1/things", response_model=Page[str])
    async def things(
        paging: PageDep,
        until: date | None = None,
        at: Annotated[datetime | None, Query()] = None,
        owner: UUID | None = None,
        flagged: bool | None = None,
        ids: Annotated[list[UUID] | None, Query()] = None,
        colour: Colour | None = None,
        name: str | None = None,
    ) -> Page[str]:
        return paging.page([], 0)

    @router.get("/pages/things")
    async def page(until: str | None = None) -> dict[str, str | None]:
        return {"until": until}

    return router


@pytest.fixture
def client(make_app: Callable[..., FastAPI], client_for: Client) -> httpx.AsyncClient:
    """A caller with credentials: the routes here check none, the query check needs some."""
    client = client_for(make_app(routers=[typed_router()]))
    client.headers["Authorization"] = "Bearer any"
    return client


@pytest.mark.parametrize(
    "query",
    [
        "until=2024-06-30&at=2024-06-30T08:00:00%2B08:00&owner=6f1c0d1e-9a5b-4c3d-8e2f-1a2b3c4d5e6f",
        "flagged=true&flagged=false&limit=10&offset=0&colour=red&name=&at=2024-06-30T08:00:00Z",
        "ids=6f1c0d1e-9a5b-4c3d-8e2f-1a2b3c4d5e6f&ids=6F1C0D1E-9A5B-4C3D-8E2F-1A2B3C4D5E6F",
        "",
    ],
)
async def test_values_spelled_as_documented_pass(client: httpx.AsyncClient, query: str) -> None:
    assert (await client.get(f"/api/v1/things?{query}")).status_code == 200


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("until=0", "query.until", "应为日期（YYYY-MM-DD）"),
        ("until=", "query.until", "不能为空；不需要该条件时请省略此参数"),
        ("at=0.5", "query.at", "应为日期时间（ISO 8601）"),
        ("at=2024-06-30", "query.at", "应为日期时间（ISO 8601）"),
        ("limit=1.0", "query.limit", "应为整数"),
        ("limit=%2B1", "query.limit", "应为整数"),
        ("offset=", "query.offset", "不能为空；不需要该条件时请省略此参数"),
        ("owner=6f1c0d1e9a5b4c3d8e2f1a2b3c4d5e6f", "query.owner", "应为 UUID"),
        ("flagged=0", "query.flagged", "应为布尔值（true 或 false）"),
        (
            "ids=6f1c0d1e-9a5b-4c3d-8e2f-1a2b3c4d5e6f&ids=",
            "query.ids",
            "不能为空；不需要该条件时请省略此参数",
        ),
    ],
)
async def test_other_spellings_are_refused_naming_the_parameter(
    client: httpx.AsyncClient, query: str, field: str, message: str
) -> None:
    response = await client.get(f"/api/v1/things?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["title"] == "请求参数无效"
    assert body["errors"] == [{"field": field, "message": message}]


async def test_a_caller_without_credentials_is_left_to_the_route(
    client: httpx.AsyncClient,
) -> None:
    del client.headers["Authorization"]
    # The route would answer 401 when it authenticates; here it checks nothing, so 200 shows
    # that the query check stepped aside (FastAPI's lax reading takes the Unix time).
    assert (await client.get("/api/v1/things?until=0")).status_code == 200
    client.headers["Cookie"] = "session=x"
    assert (await client.get("/api/v1/things?until=0")).status_code == 422


async def test_pages_keep_their_empty_form_fields(client: httpx.AsyncClient) -> None:
    response = await client.get("/pages/things?until=")
    assert (response.status_code, response.json()) == (200, {"until": ""})
