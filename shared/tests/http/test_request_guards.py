"""Guards every request passes: per-route body limits, the caller checked before the command's
key, and malformed bodies explained in Chinese."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, Request
from pydantic import BaseModel
from shared.auth import Role, require_roles
from shared.http.commanding import CommandContext, command_context

Client = Callable[[FastAPI], httpx.AsyncClient]


class Widget(BaseModel):
    name: str


async def no_handler(*_: Any) -> Any:
    raise AssertionError("never reached in these tests")


def guarded_router() -> APIRouter:
    router = APIRouter()

    @router.post("/widgets")
    async def create_widget(
        widget: Widget,
        command: Annotated[
            CommandContext[Any],
            Depends(command_context(no_handler, require_roles(Role.UNION_CADRE))),
        ],
    ) -> dict[str, str]:
        return {"name": widget.name}

    @router.post("/uploads/{kind}")
    async def upload(kind: str, request: Request) -> dict[str, int]:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
        return {"size": size}

    @router.post("/members")
    async def admit(widget: Widget) -> dict[str, str]:
        return {"name": widget.name}

    return router


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    app = make_app(
        max_body_bytes=1024,
        body_allowances={"POST /uploads/{kind}": 4096},
        routers=[guarded_router()],
    )
    app.state.container = object()
    return app


@pytest.fixture
def client(app: FastAPI, client_for: Client) -> httpx.AsyncClient:
    return client_for(app)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_only_the_allowed_route_takes_a_larger_body(client: httpx.AsyncClient) -> None:
    async def streamed(size: int) -> AsyncIterator[bytes]:
        for start in range(0, size, 500):
            yield b"y" * min(500, size - start)

    upload = await client.post("/uploads/roster", content=b"x" * 3000)
    upload_streamed = await client.post("/uploads/roster", content=streamed(4000))
    too_large_upload = await client.post("/uploads/roster", content=b"x" * 4097)
    too_large_streamed = await client.post("/uploads/roster", content=streamed(5000))
    other_route = await client.post(
        "/members", content=b" " * 2000, headers={"Content-Type": "application/json"}
    )
    other_method = await client.put("/uploads/roster", content=b"x" * 2000)

    assert upload.json() == {"size": 3000}
    assert upload_streamed.json() == {"size": 4000}
    for refused, limit in (
        (too_large_upload, 4096),
        (too_large_streamed, 4096),
        (other_route, 1024),
    ):
        assert refused.status_code == 413
        assert refused.json()["title"] == "请求体过大"
        assert str(limit) in refused.json()["detail"]
    assert other_method.status_code == 413  # PUT is not the allowed route


async def test_a_command_checks_the_token_before_the_idempotency_key(
    client: httpx.AsyncClient, cadre_token: str
) -> None:
    anonymous = await client.post("/widgets", json={"name": "x"}, headers={"Idempotency-Key": "\t"})
    signed_in = await client.post(
        "/widgets", json={"name": "x"}, headers={**bearer(cadre_token), "Idempotency-Key": "\t"}
    )

    assert anonymous.status_code == 401
    assert signed_in.status_code == 400
    assert signed_in.json()["title"] == "幂等键无效"


async def test_malformed_json_says_where_in_chinese(client: httpx.AsyncClient) -> None:
    body = '{\n  "name": "张三",\n  "age": \n}'.encode()

    response = await client.post(
        "/members", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["title"] == "请求体不是合法的 JSON"
    assert response.json()["detail"] == "请检查请求体的 JSON 语法：第 4 行第 1 列（此处应为一个值）"


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b'{"name" "x"}', "第 1 行第 9 列（此处缺少冒号）"),
        (b'{"name": "x",}', "第 1 行第 14 列（此处应为双引号括起的字段名）"),
        (b'{"name": "x"} extra', "第 1 行第 15 列（JSON 之后还有多余的内容）"),
        (b'{"name": "x', "第 1 行第 10 列（字符串没有结束的双引号）"),
    ],
)
async def test_each_json_mistake_is_named(
    client: httpx.AsyncClient, body: bytes, where: str
) -> None:
    response = await client.post(
        "/members", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.json()["detail"] == f"请检查请求体的 JSON 语法：{where}"


async def test_a_body_that_is_not_utf8_is_explained_in_chinese(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/members", content=b'{"name": "\xff"}', headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "无法解析请求体：请以 UTF-8 编码发送合法的 JSON 或表单"
