"""The consumer readiness check tells a lost stream or consumer, and why, until it is recovered."""

from __future__ import annotations

import logging
from typing import Any

import asyncpg
import pytest
from nats.aio.client import Client
from nats.js.client import JetStreamContext
from shared.bus import ConsumerRunner, ConsumerSpec, provision
from shared.bus.streamloss import reset_position
from shared.contracts.envelope import CloudEvent
from shared.http.health import CheckResult, consumer_check
from shared.metrics import CONSUMER_STREAM_LOST
from shared.outbox import OutboxRelay

SPEC = ConsumerSpec("KITTEST", "kittest-loss", ["kittest.>"], backoff=[0.1])


async def ignore(conn: asyncpg.Connection[Any], event: CloudEvent) -> None:
    return None


async def drain(runner: ConsumerRunner) -> None:
    while await runner.process_batch():
        pass


def lost_gauge() -> float:
    return float(CONSUMER_STREAM_LOST.labels(consumer=SPEC.durable)._value.get())


async def test_each_kind_of_loss_is_reported_with_its_code_until_recovered(
    pool: asyncpg.Pool[asyncpg.Record],
    nc: Client,
    js: JetStreamContext,
    append: Any,
    helpers: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await provision(js, [], [SPEC])
    check = consumer_check(pool, nc, SPEC)
    await append(5)
    assert await OutboxRelay(pool, helpers.SCHEMA, js).publish_pending() == 5
    await drain(ConsumerRunner(pool, js, SPEC, ignore, fetch_timeout=0.2))
    healthy = await check()
    assert isinstance(healthy, CheckResult)
    assert healthy.ok, healthy.detail
    assert (healthy.detail["last_applied_sequence"], healthy.detail["pending"]) == (5, 0)
    assert lost_gauge() == 0

    await js.delete_consumer(SPEC.stream, SPEC.durable)
    assert (await check()).detail["code"] == "consumer_missing"
    await js.delete_stream(SPEC.stream)
    missing = await check()
    assert (missing.ok, missing.detail["code"]) == (False, "stream_missing")
    assert lost_gauge() == 1

    await provision(js, [helpers.TEST_STREAM], [SPEC])
    recreated = await check()
    assert (recreated.ok, recreated.detail["code"]) == (False, "stream_recreated")
    assert "recover" in recreated.detail["reason"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert sum("kittest-loss" in message for message in warnings) == 3  # once per change

    # A position recorded before the stream's creation time was: beyond the new stream's end.
    await pool.execute("UPDATE consumer_tracking SET stream_created = NULL")
    beyond = await check()
    assert (beyond.ok, beyond.detail["code"]) == (False, "position_beyond_stream")

    async with pool.acquire() as conn:
        assert await reset_position(conn, js, SPEC) == 0
    recovered = await check()
    assert recovered.ok, recovered.detail
    assert lost_gauge() == 0
