"""``/livez`` (the process answers) and ``/readyz`` (its dependencies answer).

A readiness check is an async callable registered under a name. It passes by returning
(its return value, if any, becomes the ``detail``), fails by raising, or says either
explicitly by returning a :class:`CheckResult`. Checks run concurrently, each with a timeout,
so one hung dependency cannot hang the probe.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import asyncpg
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from nats.aio.client import Client as NatsClient

from shared.bus.streams import ConsumerSpec
from shared.metrics import CONSUMER_LAG, CONSUMER_LAST_SEQUENCE

ReadinessCheck = Callable[[], Awaitable[Any]]
CHECK_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class CheckResult:
    """An explicit outcome with a detail for the probe's body."""

    ok: bool
    detail: Any = None


def health_router(
    checks: Mapping[str, ReadinessCheck], *, timeout_seconds: float = CHECK_TIMEOUT_SECONDS
) -> APIRouter:
    """A router with ``GET /livez`` and ``GET /readyz``.

    Args:
        checks: readiness checks by name. The mapping is read on every probe, so a service
            may add checks once its lifespan has opened the resources they need.
        timeout_seconds: how long one check may take before it counts as failed.
    """
    router = APIRouter(tags=["health"])

    @router.get("/livez", summary="进程存活")
    async def livez() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="依赖就绪")
    async def readyz() -> JSONResponse:
        names = list(checks)
        outcomes = await asyncio.gather(*(_run(checks[name], timeout_seconds) for name in names))
        ready = all(outcome.ok for outcome in outcomes)
        body = {
            "status": "ok" if ready else "unavailable",
            "checks": {
                name: {"ok": outcome.ok, "detail": outcome.detail}
                for name, outcome in zip(names, outcomes, strict=True)
            },
        }
        return JSONResponse(body, status_code=200 if ready else 503)

    return router


async def _run(check: ReadinessCheck, timeout_seconds: float) -> CheckResult:
    try:
        outcome = await asyncio.wait_for(check(), timeout_seconds)
    except TimeoutError:
        return CheckResult(False, f"超时（{timeout_seconds:g} 秒）")
    except Exception as exc:
        return CheckResult(False, f"{type(exc).__name__}: {exc}"[:300])
    return outcome if isinstance(outcome, CheckResult) else CheckResult(True, outcome)


def postgres_check(pool: asyncpg.Pool[Any]) -> ReadinessCheck:
    """Passes when the pool hands out a connection that answers ``SELECT 1``."""

    async def check() -> CheckResult:
        answer = await pool.fetchval("SELECT 1")
        return CheckResult(answer == 1, None)

    return check


def nats_check(nc: NatsClient) -> ReadinessCheck:
    """Passes when the client is connected and JetStream answers for the account."""

    async def check() -> CheckResult:
        if not nc.is_connected:
            return CheckResult(False, "未连接")
        info = await nc.jetstream().account_info()
        return CheckResult(True, {"streams": info.streams, "consumers": info.consumers})

    return check


def consumer_check(pool: asyncpg.Pool[Any], nc: NatsClient, spec: ConsumerSpec) -> ReadinessCheck:
    """Reports a durable consumer's last applied stream sequence and what is still pending.

    It also refreshes the consumer's lag gauges, which the runner sets only after a batch, so
    they stay true while the consumer idles or fails.
    """

    async def check() -> CheckResult:
        last_seq = await pool.fetchval(
            "SELECT last_seq FROM consumer_tracking WHERE consumer = $1", spec.durable
        )
        info = await nc.jetstream().consumer_info(spec.stream, spec.durable)
        detail = {
            "last_applied_sequence": last_seq or 0,
            "pending": info.num_pending,
            "unacknowledged": info.num_ack_pending,
        }
        CONSUMER_LAG.labels(consumer=spec.durable).set(info.num_pending or 0)
        CONSUMER_LAST_SEQUENCE.labels(consumer=spec.durable).set(last_seq or 0)
        return CheckResult(True, detail)

    return check
