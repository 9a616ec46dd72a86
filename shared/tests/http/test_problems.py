"""Every error is RFC 9457 problem+json with a Chinese title and nothing internal in it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, Field, field_validator
from shared.http.pagination import Page, PageParams, page_params
from shared.http.problems import conflict, field_error, not_found

Client = Callable[[FastAPI], httpx.AsyncClient]
PROBLEM = "application/problem+json"


class NewMember(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    id_number: str
    age: int = Field(ge=16)

    @field_validator("id_number")
    @classmethod
    def eighteen_characters(cls, value: str) -> str:
        if len(value) != 18:
            raise ValueError("身份证号应为 18 位")
        return value


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    app = make_app(max_body_bytes=1024)

    @app.post("/members")
    async def admit(member: NewMember) -> dict[str, str]:
        return {"name": member.name}

    @app.post("/uploads")
    async def upload(request: Request) -> dict[str, int]:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
        return {"size": size}

    @app.get("/members/{member_id}")
    async def get_member(member_id: str) -> dict[str, str]:
        if member_id == "gone":
            raise not_found("会员")
        if member_id == "locked":
            raise conflict("会员正在转会", "转会完成前不能修改")
        if member_id == "bad-card":
            raise field_error("path.member_id", "会员证号格式不正确")
        if member_id == "teapot":
            raise HTTPException(status_code=409, detail="legacy")
        raise RuntimeError("connection string postgresql://secret@db/prod failed")

    @app.get("/items")
    async def items(page: Annotated[PageParams, Depends(page_params)]) -> Page[int]:
        return page.page(list(range(page.offset, page.offset + 2)), total=99)

    return app


@pytest.fixture
def client(app: FastAPI, client_for: Client) -> httpx.AsyncClient:
    return client_for(app)


async def test_malformed_json_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/members",
        content='{"name": "张三",'.encode(),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["title"] == "请求体不是合法的 JSON"
    assert body["status"] == 400
    assert body["type"] == "about:blank"
    assert body["instance"] == "/members"


async def test_missing_and_invalid_fields_are_422_naming_each_field(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/members", json={"name": "", "id_number": "1101", "age": "x"})

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["title"] == "请求参数无效"
    messages = {error["field"]: error["message"] for error in body["errors"]}
    assert messages == {
        "body.name": "长度不能少于 1 个字符",
        "body.id_number": "身份证号应为 18 位",
        "body.age": "应为整数",
    }

    missing = await client.post("/members", json={"name": "李四"})
    fields = {error["field"]: error["message"] for error in missing.json()["errors"]}
    assert fields == {"body.id_number": "缺少必填字段", "body.age": "缺少必填字段"}


async def test_page_parameters_are_validated_and_the_page_is_shaped(
    client: httpx.AsyncClient,
) -> None:
    ok = await client.get("/items", params={"limit": 2, "offset": 10})
    too_many = await client.get("/items", params={"limit": 501})
    negative = await client.get("/items", params={"offset": -1})
    default = await client.get("/items")

    assert ok.json() == {"items": [10, 11], "total": 99, "limit": 2, "offset": 10}
    assert default.json()["limit"] == 50
    assert too_many.status_code == 422
    assert too_many.json()["errors"] == [{"field": "query.limit", "message": "不能大于 500"}]
    assert negative.json()["errors"] == [{"field": "query.offset", "message": "不能小于 0"}]


async def test_a_body_over_the_limit_is_413(client: httpx.AsyncClient) -> None:
    declared = await client.post("/members", content=b"x" * 2048)

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(8):
            yield b"y" * 200  # no Content-Length: the limit applies while streaming

    streamed = await client.post("/uploads", content=chunks())
    small = await client.post("/uploads", content=b"z" * 1000)

    for response in (declared, streamed):
        assert response.status_code == 413
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["title"] == "请求体过大"
        assert "1024" in response.json()["detail"]
    assert small.json() == {"size": 1000}


async def test_an_unknown_route_is_a_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/no/such/route")
    wrong_method = await client.delete("/members")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["title"] == "资源不存在"
    assert wrong_method.status_code == 405
    assert wrong_method.json()["title"] == "不支持该请求方法"


async def test_problems_raised_by_routes(client: httpx.AsyncClient) -> None:
    gone = (await client.get("/members/gone")).json()
    locked = (await client.get("/members/locked")).json()
    bad_card = (await client.get("/members/bad-card")).json()
    legacy = (await client.get("/members/teapot")).json()

    assert (gone["status"], gone["title"], gone["detail"]) == (404, "资源不存在", "会员不存在")
    assert (locked["status"], locked["title"]) == (409, "会员正在转会")
    assert bad_card["errors"] == [{"field": "path.member_id", "message": "会员证号格式不正确"}]
    assert (legacy["status"], legacy["title"], legacy["detail"]) == (
        409,
        "与资源的当前状态冲突",
        "legacy",
    )


async def test_an_unhandled_error_is_a_bare_500(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = await client.get("/members/explode")

    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["title"] == "服务器内部错误"
    assert body["status"] == 500
    for leak in ("Traceback", "RuntimeError", "postgresql", "secret", "test_problems"):
        assert leak not in response.text
    logged = [r for r in caplog.records if r.name == "shared.http" and r.exc_info]
    assert len(logged) == 1  # the operator still gets the traceback, in the log
    assert logged[0].exc_info is not None
    assert logged[0].exc_info[0] is RuntimeError


async def test_an_offset_beyond_any_listing_is_a_field_error_not_a_server_error(
    client: httpx.AsyncClient,
) -> None:
    for offset in (2**31, 2**63, 2**70):
        response = await client.get("/items", params={"offset": offset})

        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "query.offset", "message": "不能大于 2147483647"}
        ]
