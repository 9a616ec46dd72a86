"""An upload retried with its key replays, although each retry's multipart boundary differs."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any

import asyncpg
import httpx
from fastapi import Depends, FastAPI, File, Form, Request, Response, UploadFile
from shared.auth import Principal, Role, require_roles
from shared.http.idempotency import REPLAYED_HEADER, IdempotencyKeyDep, idempotent

from .test_idempotency import headers, pool

__all__ = ["headers", "pool"]  # the fixtures, shared with the idempotency tests

Client = Callable[[FastAPI], httpx.AsyncClient]


def upload_app(make_app: Callable[..., FastAPI], db: asyncpg.Pool[Any]) -> FastAPI:
    app = make_app()

    @app.post("/attachments", status_code=201)
    async def attach(
        request: Request,
        principal: Annotated[Principal, Depends(require_roles(Role.UNION_CADRE))],
        key: IdempotencyKeyDep,
        file: Annotated[UploadFile, File()],
        label: Annotated[str, Form()],
    ) -> Response:
        content = await file.read()  # the route reads the file before the fingerprint does
        async with idempotent(request, db, principal, key) as idem:
            if idem.replay:
                return idem.replay
            widget_id = uuid.uuid4()
            await idem.conn.execute(
                "INSERT INTO widgets VALUES ($1, $2)", widget_id, f"{label}:{len(content)}"
            )
            return idem.store(201, {"id": widget_id, "size": len(content)})

    return app


async def test_an_upload_is_fingerprinted_by_its_fields_and_file_content(
    make_app: Callable[..., FastAPI],
    client_for: Client,
    pool: asyncpg.Pool[Any],
    headers: Callable[..., dict[str, str]],
) -> None:
    client = client_for(upload_app(make_app, pool))
    sent = headers("upload-1")

    async def send(content: bytes, label: str = "合同", name: str = "a.pdf") -> httpx.Response:
        return await client.post(
            "/attachments", data={"label": label}, files={"file": (name, content)}, headers=sent
        )

    first = await send(b"%PDF-1.7 contract")
    retry = await send(b"%PDF-1.7 contract")  # a new random boundary: other bytes on the wire

    assert first.status_code == retry.status_code == 201
    assert retry.content == first.content
    assert retry.headers[REPLAYED_HEADER] == "true"
    for changed in (
        await send(b"%PDF-1.7 another contract"),
        await send(b"%PDF-1.7 contract", label="协议"),
        await send(b"%PDF-1.7 contract", name="b.pdf"),
    ):
        assert changed.status_code == 422
        assert changed.json()["title"] == "幂等键已用于不同的请求"
    assert await pool.fetchval("SELECT count(*) FROM widgets") == 1
