"""``/livez`` (the process answers) and ``/readyz`` (its dependencies answer).

A readiness check is an async callable registered under a name. It passes by returning
(its return value, if any, becomes the ``detail``), fails by raising, or says either
explicitly by returning a :class:`CheckResult`. Checks run concurrently, each with a timeout,
so one hung dependency cannot hang the probe.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import asyncpg
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from nats.aio.client import Client as NatsClient

from shared.bus.streamloss import StreamLoss, consumer_state
from shared.bus.streams import ConsumerSpec
from shared.metrics import CONSUMER_LAG, CONSUMER_LAST_SEQUENCE, CONSUMER_STREAM_LOST

logger = logging.getLogger(__name__)

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

    It fails, with a machine ``code`` and a Chinese ``reason``, when the consumer's stream was
    lost (see :mod:`shared.bus.streamloss`): ``unionhub_consumer_stream_lost`` is then 1 for
    the consumer, and a warning is logged once each time the reason changes. It also refreshes
    the consumer's lag gauges, which the runner sets only after a batch, so they stay true
    while the consumer idles or fails.
    """
    reported: list[str | None] = [None]

    async def check() -> CheckResult:
        async with pool.acquire() as conn:
            state = await consumer_state(conn, nc.jetstream(), spec)
        loss = state.loss
        code = loss.code if loss else None
        if code != reported[0]:
            _log_change(spec, loss)
            reported[0] = code
        CONSUMER_STREAM_LOST.labels(consumer=spec.durable).set(1 if loss else 0)
        if state.consumer is not None:
            CONSUMER_LAG.labels(consumer=spec.durable).set(state.consumer.num_pending or 0)
        CONSUMER_LAST_SEQUENCE.labels(consumer=spec.durable).set(state.last_seq)
        return CheckResult(loss is None, state.detail())

    return check


def _log_change(spec: ConsumerSpec, loss: StreamLoss | None) -> None:
    if loss is None:
        logger.info("consumer %s: stream %s is whole again", spec.durable, spec.stream)
        return
    logger.warning(
        "consumer %s: stream %s lost (%s): %s",
        spec.durable, spec.stream, loss.code, loss.reason,
    )  # fmt: skip
