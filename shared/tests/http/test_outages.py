"""A database outage answers 503 with Retry-After (problem+json), never a bare 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI
from shared.db import create_pool
from shared.devstack.postgres import PostgresServer
from shared.http.outages import is_database_outage


async def test_a_query_while_postgresql_is_down_answers_503_with_retry_after(
    make_app: Callable[..., FastAPI],
    client_for: Callable[[FastAPI], httpx.AsyncClient],
    private_postgres: PostgresServer,
) -> None:
    pool: asyncpg.Pool[Any] = await create_pool(private_postgres.url(), "public", min_size=1)
    app = make_app()

    @app.get("/count")
    async def count() -> dict[str, int]:
        return {"n": int(await pool.fetchval("SELECT 1"))}

    client = client_for(app)
    try:
        assert (await client.get("/count")).status_code == 200
        private_postgres.stop("immediate")
        down = await client.get("/count")
    finally:
        await pool.close()

    assert down.status_code == 503
    assert down.headers["content-type"] == "application/problem+json"
    assert int(down.headers["retry-after"]) > 0
    assert down.json()["title"] == "服务暂不可用"


def test_a_programming_error_is_no_outage() -> None:
    assert not is_database_outage(KeyError("x"))
    assert not is_database_outage(asyncpg.UndefinedTableError("no such table"))
    assert is_database_outage(ConnectionRefusedError())
    wrapped = RuntimeError("while loading")
    wrapped.__cause__ = asyncpg.CannotConnectNowError("starting up")
    assert is_database_outage(wrapped)
