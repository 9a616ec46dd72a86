"""Idempotency keys over a real PostgreSQL: one write per key, the first response replayed."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import asyncpg
import httpx
import pytest
import pytest_asyncio
from fastapi import Depends, FastAPI, Request, Response
from pydantic import BaseModel
from shared.auth import Principal, Role, issue_token, require_roles
from shared.db import connect, create_pool
from shared.http.idempotency import (
    REPLAYED_HEADER,
    IdempotencyKey,
    claim_or_replay,
    idempotent,
    purge_idempotency_keys,
    record,
)
from shared.http.problems import Problem, conflict
from shared.migrations import migrate
from shared.settings import ServiceSettings

Client = Callable[[FastAPI], httpx.AsyncClient]
SCHEMA = "kit_test"


class NewWidget(BaseModel):
    name: str


class Gate:
    """Holds a request inside its transaction until the test lets it go."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.release = asyncio.Event()


@pytest_asyncio.fixture
async def pool(database_url: str, tmp_path: Path) -> AsyncIterator[asyncpg.Pool[Any]]:
    no_service_migrations = tmp_path / "migrations"
    no_service_migrations.mkdir()
    await migrate(database_url, SCHEMA, no_service_migrations)
    pool = await create_pool(database_url, SCHEMA, min_size=1, max_size=4)
    await pool.execute("CREATE TABLE widgets (id uuid PRIMARY KEY, name text NOT NULL)")
    yield pool
    await pool.close()


@pytest.fixture
def gates() -> dict[str, Gate]:
    return {}


@pytest.fixture
def app(
    make_app: Callable[..., FastAPI], pool: asyncpg.Pool[Any], gates: dict[str, Gate]
) -> FastAPI:
    app = make_app()

    @app.post("/widgets", status_code=201)
    async def create_widget(
        request: Request,
        widget: NewWidget,
        principal: Annotated[Principal, Depends(require_roles(Role.UNION_CADRE))],
        key: Annotated[IdempotencyKey, Depends()],
    ) -> Response:
        async with idempotent(request, pool, principal, key) as idem:
            if idem.replay:
                return idem.replay
            widget_id = uuid.uuid4()  # differs on every execution: a replay must not re-run
            await idem.conn.execute("INSERT INTO widgets VALUES ($1, $2)", widget_id, widget.name)
            if gate := gates.get(widget.name):
                gate.entered.set()
                await gate.release.wait()
            if widget.name == "boom":
                raise conflict("部件冲突", "模拟命令在写入后失败")
            body = {"id": widget_id, "name": widget.name}
            return idem.store(201, body, {"Location": f"/widgets/{widget_id}"})

    return app


@pytest.fixture
def headers(settings: ServiceSettings) -> Callable[..., dict[str, str]]:
    def make(key: str | None, subject: str = "cadre-1") -> dict[str, str]:
        token = issue_token(
            settings, subject=subject, roles=["union_cadre"], org_id=str(uuid.uuid4())
        )
        found = {"Authorization": f"Bearer {token}"}
        if key is not None:
            found["Idempotency-Key"] = key
        return found

    return make


async def counts(pool: asyncpg.Pool[Any]) -> tuple[int, int]:
    widgets = await pool.fetchval("SELECT count(*) FROM widgets")
    keys = await pool.fetchval("SELECT count(*) FROM idempotency_keys")
    return widgets, keys


async def test_the_same_key_twice_writes_once_and_replays_the_first_response(
    app: FastAPI,
    client_for: Client,
    pool: asyncpg.Pool[Any],
    headers: Callable[..., dict[str, str]],
) -> None:
    client = client_for(app)

    first = await client.post("/widgets", json={"name": "锤子"}, headers=headers("k-1"))
    retry = await client.post(
        "/widgets",
        content='{ "name":"锤子" }'.encode(),
        headers={**headers("k-1"), "Content-Type": "application/json"},
    )

    assert first.status_code == retry.status_code == 201
    assert retry.content == first.content
    assert retry.headers["location"] == first.headers["location"]
    assert retry.headers[REPLAYED_HEADER] == "true"
    assert REPLAYED_HEADER not in first.headers
    assert await counts(pool) == (1, 1)


async def test_without_a_key_every_request_writes(
    app: FastAPI,
    client_for: Client,
    pool: asyncpg.Pool[Any],
    headers: Callable[..., dict[str, str]],
) -> None:
    client = client_for(app)

    for _ in range(2):
        response = await client.post("/widgets", json={"name": "钳子"}, headers=headers(None))
        assert response.status_code == 201

    assert await counts(pool) == (2, 0)


async def test_the_same_key_with_a_different_body_is_422(
    app: FastAPI,
    client_for: Client,
    pool: asyncpg.Pool[Any],
    headers: Callable[..., dict[str, str]],
) -> None:
    client = client_for(app)
    await client.post("/widgets", json={"name": "锤子"}, headers=headers("k-2"))

    reused = await client.post("/widgets", json={"name": "扳手"}, headers=headers("k-2"))

    assert reused.status_code == 422
    assert reused.headers["content-type"] == "application/problem+json"
    assert reused.json()["title"] == "幂等键已用于不同的请求"
    assert await counts(pool) == (1, 1)


async def test_keys_are_scoped_per_caller(
    app: FastAPI,
    client_for: Client,
    pool: asyncpg.Pool[Any],
    headers: Callable[..., dict[str, str]],
) -> None:
    client = client_for(app)

    mine = await client.post("/widgets", json={"name": "锤子"}, headers=headers("k-3", "cadre-1"))
    theirs = await client.post("/widgets", json={"name": "锤子"}, headers=headers("k-3", "cadre-2"))

    assert mine.json()["id"] != theirs.json()["id"]
    assert REPLAYED_HEADER not in theirs.headers
    assert await counts(pool) == (2, 2)


async def test_concurrent_requests_with_one_key_write_once(
    app: FastAPI,
    client_for: Client,
    pool: asyncpg.Pool[Any],
    headers: Callable[..., dict[str, str]],
    gates: dict[str, Gate],
) -> None:
    gate = gates["并发"] = Gate()
    client = client_for(app)

    async def send() -> httpx.Response:
        return await client.post("/widgets", json={"name": "并发"}, headers=headers("k-4"))

    first = asyncio.create_task(send())
    await gate.entered.wait()  # the first request holds the key's claim inside its transaction
    second = asyncio.create_task(send())
    await wait_for_a_blocked_claim(pool)
    gate.release.set()
    responses = await asyncio.gather(first, second)

    assert [r.status_code for r in responses] == [201, 201]
    assert responses[0].content == responses[1].content
    assert [r.headers.get(REPLAYED_HEADER) for r in responses] == [None, "true"]
    assert await counts(pool) == (1, 1)


async def wait_for_a_blocked_claim(pool: asyncpg.Pool[Any]) -> None:
    """Return once another connection waits for a transaction to end, as a second claim of a
    key waits on the first one's uncommitted row (bounded, never a timing check)."""
    for _ in range(1000):
        waiting = await pool.fetchval(
            """SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'transactionid' AND NOT l.granted
                  AND a.datname = current_database()"""
        )
        if waiting:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the second request never waited for the first one's claim")


async def test_a_failed_transaction_stores_no_key(
    app: FastAPI,
    client_for: Client,
    pool: asyncpg.Pool[Any],
    headers: Callable[..., dict[str, str]],
) -> None:
    client = client_for(app)

    failed = await client.post("/widgets", json={"name": "boom"}, headers=headers("k-5"))
    assert failed.status_code == 409
    assert await counts(pool) == (0, 0)

    # The key is still free: a corrected request under it runs (no 422, no replay).
    corrected = await client.post("/widgets", json={"name": "锤子"}, headers=headers("k-5"))
    assert corrected.status_code == 201
    assert REPLAYED_HEADER not in corrected.headers
    assert await counts(pool) == (1, 1)


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\there"])
async def test_a_malformed_key_is_400(
    app: FastAPI,
    client_for: Client,
    pool: asyncpg.Pool[Any],
    headers: Callable[..., dict[str, str]],
    key: str,
) -> None:
    response = await client_for(app).post("/widgets", json={"name": "锤子"}, headers=headers(key))

    assert response.status_code == 400
    assert response.json()["title"] == "幂等键无效"
    assert await counts(pool) == (0, 0)


async def test_lookups_outside_a_transaction_are_refused(database_url: str, pool: Any) -> None:
    conn = await connect(database_url, SCHEMA)
    try:
        with pytest.raises(RuntimeError, match="transaction"):
            await claim_or_replay(conn, "sub:x", "k", "POST", "/widgets", "h")
    finally:
        await conn.close()


async def test_a_claimed_key_replays_what_was_recorded_and_refuses_another_body(
    database_url: str, pool: Any
) -> None:
    conn = await connect(database_url, SCHEMA)
    try:
        async with conn.transaction():
            assert await claim_or_replay(conn, "sub:c", "k-c", "POST", "/w", "h1") is None
            await record(conn, "sub:c", "k-c", 201, b'{"id":1}', {"Location": "/w/1"})
        async with conn.transaction():
            stored = await claim_or_replay(conn, "sub:c", "k-c", "POST", "/w", "h1")
        assert stored is not None
        assert (stored.status, stored.body, stored.headers) == (
            201,
            b'{"id":1}',
            {"Location": "/w/1"},
        )
        async with conn.transaction():
            with pytest.raises(Problem) as refused:
                await claim_or_replay(conn, "sub:c", "k-c", "POST", "/w", "h2")
        assert refused.value.status == 422
    finally:
        await conn.close()


async def test_recording_a_key_never_claimed_is_refused(database_url: str, pool: Any) -> None:
    conn = await connect(database_url, SCHEMA)
    try:
        with pytest.raises(RuntimeError, match="claimed"):
            async with conn.transaction():
                await record(conn, "sub:x", "never-claimed", 201, b"{}")
    finally:
        await conn.close()


async def test_old_keys_are_purged(
    app: FastAPI,
    client_for: Client,
    pool: asyncpg.Pool[Any],
    headers: Callable[..., dict[str, str]],
) -> None:
    client = client_for(app)
    await client.post("/widgets", json={"name": "旧"}, headers=headers("old"))
    await client.post("/widgets", json={"name": "新"}, headers=headers("new"))
    await pool.execute(
        "UPDATE idempotency_keys SET created_at = now() - interval '3 days' WHERE key = 'old'"
    )

    async with pool.acquire() as conn:
        purged = await purge_idempotency_keys(conn, timedelta(days=1))

    assert purged == 1
    assert await pool.fetchval("SELECT array_agg(key) FROM idempotency_keys") == ["new"]


async def test_a_stored_response_is_sealed_at_rest_and_replays_byte_for_byte(
    app: FastAPI,
    client_for: Client,
    pool: asyncpg.Pool[Any],
    headers: Callable[..., dict[str, str]],
) -> None:
    client = client_for(app)
    secret = "张秘密·110101199003074514"

    first = await client.post("/widgets", json={"name": secret}, headers=headers("k-sealed"))
    stored = await pool.fetchrow("SELECT response_body, response_sealed FROM idempotency_keys")
    retry = await client.post("/widgets", json={"name": secret}, headers=headers("k-sealed"))

    assert first.status_code == 201
    assert secret.encode() in first.content
    assert stored["response_sealed"] is True
    assert secret.encode() not in stored["response_body"]
    assert b"110101199003074514" not in stored["response_body"]
    assert retry.content == first.content
    assert retry.headers[REPLAYED_HEADER] == "true"
