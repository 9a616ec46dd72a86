"""Probes: /livez always answers, /readyz answers 200 only when every check passes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import nats
from fastapi import FastAPI
from shared.db import create_pool
from shared.http.health import CheckResult, nats_check, postgres_check

Client = Callable[[FastAPI], httpx.AsyncClient]


async def test_livez_is_always_ok(make_app: Callable[..., FastAPI], client_for: Client) -> None:
    async def broken() -> None:
        raise ConnectionError("database down")

    response = await client_for(make_app(readiness={"db": broken})).get("/livez")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_is_200_when_postgres_and_nats_answer(
    make_app: Callable[..., FastAPI], client_for: Client, database_url: str, nats_url: str
) -> None:
    pool = await create_pool(database_url, "public", min_size=1, max_size=2)
    nc = await nats.connect(nats_url)
    try:

        async def consumer_lag() -> dict[str, int]:
            return {"membership-projector": 0}

        app = make_app(
            readiness={"db": postgres_check(pool), "nats": nats_check(nc), "lag": consumer_lag}
        )
        response = await client_for(app).get("/readyz")
    finally:
        await nc.close()
        await pool.close()

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["db"] == {"ok": True, "detail": None}
    assert body["checks"]["nats"]["ok"] is True
    assert body["checks"]["nats"]["detail"]["streams"] == 0
    assert body["checks"]["lag"] == {"ok": True, "detail": {"membership-projector": 0}}


async def test_readyz_is_503_when_a_check_fails(
    make_app: Callable[..., FastAPI], client_for: Client, nats_url: str
) -> None:
    nc = await nats.connect(nats_url)
    await nc.close()  # a client that lost its server

    async def raises() -> None:
        raise ConnectionRefusedError("connect call failed")

    async def reports_failure() -> CheckResult:
        return CheckResult(False, {"lag": 12000})

    async def passes() -> None:
        return None

    app = make_app(
        readiness={
            "nats": nats_check(nc),
            "db": raises,
            "lag": reports_failure,
            "cache": passes,
        }
    )
    response = await client_for(app).get("/readyz")

    assert response.status_code == 503
    body: dict[str, Any] = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["nats"] == {"ok": False, "detail": "未连接"}
    assert body["checks"]["db"] == {
        "ok": False,
        "detail": "ConnectionRefusedError: connect call failed",
    }
    assert body["checks"]["lag"] == {"ok": False, "detail": {"lag": 12000}}
    assert body["checks"]["cache"] == {"ok": True, "detail": None}


async def test_checks_added_after_creation_are_probed(
    make_app: Callable[..., FastAPI], client_for: Client
) -> None:
    app = make_app()
    client = client_for(app)
    assert (await client.get("/readyz")).status_code == 200

    async def not_yet() -> CheckResult:
        return CheckResult(False, "启动中")

    app.state.readiness["relay"] = not_yet  # as a lifespan would, once its resources exist

    assert (await client.get("/readyz")).status_code == 503
