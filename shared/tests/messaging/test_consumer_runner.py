"""The consumer runner on real NATS and PostgreSQL: exactly-once effects, dead letters, retries."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import asyncpg
from nats.js.client import JetStreamContext
from prometheus_client import REGISTRY
from shared.bus import (
    DEAD_LETTER_STREAM,
    REASON_HEADER,
    ConsumerRunner,
    ConsumerSpec,
    PoisonMessage,
    provision,
)
from shared.contracts.envelope import CloudEvent
from shared.outbox import to_cloud_event

EFFECTS_TABLE = "CREATE TABLE effects (event_id uuid NOT NULL, number int NOT NULL)"


async def count_thing(conn: asyncpg.Connection[Any], event: CloudEvent) -> None:
    """The handler under test: one effects row per application (no unique key, on purpose)."""
    if event.data.get("poison"):
        raise PoisonMessage("号码不可用: the thing is poisoned")
    await conn.execute(
        "INSERT INTO effects (event_id, number) VALUES ($1, $2)", event.id, event.data["number"]
    )


async def consumer_for(
    js: JetStreamContext, pool: asyncpg.Pool[asyncpg.Record], durable: str, **options: Any
) -> ConsumerSpec:
    await pool.execute(EFFECTS_TABLE)
    spec = ConsumerSpec("KITTEST", durable, ["kittest.>"], **options)
    await provision(js, [], [spec])
    return spec


async def publish(js: JetStreamContext, envelope: CloudEvent, msg_id: str) -> None:
    subject = envelope.nats_subject
    await js.publish(subject, envelope.model_dump_json().encode(), headers={"Nats-Msg-Id": msg_id})


async def drain(runner: ConsumerRunner, js: JetStreamContext, spec: ConsumerSpec) -> None:
    """Process batches until the consumer has nothing pending and nothing unacked."""
    for _ in range(200):
        await runner.process_batch()
        info = await js.consumer_info(spec.stream, spec.durable)
        if info.num_pending == 0 and info.num_ack_pending == 0:
            return
    raise AssertionError("the consumer never drained")


async def effects(pool: asyncpg.Pool[asyncpg.Record]) -> list[int]:
    rows = await pool.fetch("SELECT number FROM effects ORDER BY number")
    return [row["number"] for row in rows]


def metric(name: str, consumer: str) -> float:
    return REGISTRY.get_sample_value(name, {"consumer": consumer}) or 0.0


async def test_the_same_event_delivered_twice_is_applied_once_and_both_are_acked(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    spec = await consumer_for(js, pool, "kittest-duplicates")
    runner = ConsumerRunner(pool, js, spec, count_thing)
    envelope = to_cloud_event(helpers.pending(1), "kittest")
    await publish(js, envelope, "copy-1")
    await publish(js, envelope, "copy-2")  # same CloudEvent, so one batch holds both copies

    await drain(runner, js, spec)
    await publish(js, envelope, "copy-3")  # and a later batch meets it in the inbox
    await drain(runner, js, spec)

    assert await effects(pool) == [1]
    assert await pool.fetchval("SELECT count(*) FROM inbox") == 1
    assert metric("unionhub_consumer_duplicates_total", spec.durable) == 2
    assert metric("unionhub_consumer_applied_total", spec.durable) == 1
    assert await pool.fetchval("SELECT last_seq FROM consumer_tracking") == 3


async def test_poison_messages_are_dead_lettered_and_later_messages_still_apply(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    spec = await consumer_for(js, pool, "kittest-poison")
    runner = ConsumerRunner(pool, js, spec, count_thing)
    await publish(js, to_cloud_event(helpers.pending(1), "kittest"), "a")
    await js.publish(helpers.SUBJECT, b"not json {", headers={"Nats-Msg-Id": "b"})
    await publish(js, to_cloud_event(helpers.pending(2, poison=True), "kittest"), "c")
    await publish(js, to_cloud_event(helpers.pending(3), "kittest"), "d")

    await drain(runner, js, spec)

    assert await effects(pool) == [1, 3]
    assert await pool.fetchval("SELECT count(*) FROM inbox") == 2
    letters = [await js.get_msg(DEAD_LETTER_STREAM.name, seq) for seq in (1, 2)]
    assert (await js.stream_info(DEAD_LETTER_STREAM.name)).state.messages == 2
    dead_letter_subject = f"deadletter.kittest-poison.{helpers.SUBJECT}"
    assert [letter.subject for letter in letters] == [dead_letter_subject] * 2
    assert letters[0].data == b"not json {"
    assert (letters[0].headers or {})[REASON_HEADER].startswith("not a CloudEvent")
    reason = unquote((letters[1].headers or {})[REASON_HEADER])
    assert reason == "poison: 号码不可用: the thing is poisoned"
    assert CloudEvent.model_validate_json(letters[1].data or b"").data["poison"] is True
    assert metric("unionhub_dead_letters_total", spec.durable) == 2


async def test_a_transient_failure_is_retried_and_applied_exactly_once(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    spec = await consumer_for(js, pool, "kittest-transient", backoff=[0.05])
    failed_once: set[str] = set()

    async def flaky(conn: asyncpg.Connection[Any], event: CloudEvent) -> None:
        await count_thing(conn, event)
        if event.id not in failed_once:
            failed_once.add(event.id)
            raise ConnectionAbortedError("the read model's dependency hiccupped")

    runner = ConsumerRunner(pool, js, spec, flaky)
    await publish(js, to_cloud_event(helpers.pending(5), "kittest"), "x")
    await publish(js, to_cloud_event(helpers.pending(6), "kittest"), "y")

    await drain(runner, js, spec)

    assert await effects(pool) == [5, 6]
    assert len(failed_once) == 2
    assert metric("unionhub_consumer_redeliveries_total", spec.durable) == 2
    assert (await js.stream_info(DEAD_LETTER_STREAM.name)).state.messages == 0


async def test_a_message_failing_at_every_delivery_is_dead_lettered_at_max_deliver(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    spec = await consumer_for(js, pool, "kittest-hopeless", max_deliver=3, backoff=[0.02])

    async def always_failing(conn: asyncpg.Connection[Any], event: CloudEvent) -> None:
        await count_thing(conn, event)
        raise LookupError("the referenced organisation does not exist")

    runner = ConsumerRunner(pool, js, spec, always_failing)
    await publish(js, to_cloud_event(helpers.pending(9), "kittest"), "z")

    await drain(runner, js, spec)

    assert await effects(pool) == []
    assert await pool.fetchval("SELECT count(*) FROM inbox") == 0
    letter = await js.get_msg(DEAD_LETTER_STREAM.name, 1)
    reason = (letter.headers or {})[REASON_HEADER]
    assert reason.startswith("failed at delivery 3 of 3: LookupError")
    assert (letter.headers or {})["UnionHub-Deliveries"] == "3"
