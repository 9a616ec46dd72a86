"""The runner's batch handler on real NATS and PostgreSQL: set-based first, one by one on failure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote

import asyncpg
import pytest
from nats.js.client import JetStreamContext
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
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
from shared.outbox import OutboxRelay, append_to_outbox, to_cloud_event
from shared.telemetry import setup_tracing, tracer

TABLES = (
    "CREATE TABLE effects (event_id uuid NOT NULL, number int NOT NULL, how text NOT NULL)",
    # Checked at commit only: a batch writing the same mark twice fails when it commits.
    "CREATE TABLE marks (mark int UNIQUE DEFERRABLE INITIALLY DEFERRED)",
)


class Recorder:
    """Both handlers of one runner, keeping what each was given."""

    def __init__(self, *, batch_fails: bool = False) -> None:
        self.batches: list[list[int]] = []
        self.singles: list[int] = []
        self.batch_fails = batch_fails

    async def one(self, conn: asyncpg.Connection[Any], event: CloudEvent) -> None:
        self.singles.append(event.data["number"])
        if event.data.get("poison"):
            raise PoisonMessage("号码不可用")
        await conn.execute(
            "INSERT INTO effects VALUES ($1, $2, 'one')", event.id, event.data["number"]
        )

    async def many(self, conn: asyncpg.Connection[Any], events: Sequence[CloudEvent]) -> None:
        numbers = [event.data["number"] for event in events]
        self.batches.append(numbers)
        await conn.execute(
            "INSERT INTO effects SELECT e, n, 'many' FROM unnest($1::uuid[], $2::int[]) AS u(e, n)",
            [event.id for event in events],
            numbers,
        )
        if self.batch_fails or any(event.data.get("poison") for event in events):
            raise PoisonMessage("一批中有不可用的号码")


async def consumer_for(
    js: JetStreamContext, pool: asyncpg.Pool[asyncpg.Record], durable: str, **options: Any
) -> ConsumerSpec:
    for table in TABLES:
        await pool.execute(table)
    spec = ConsumerSpec("KITTEST", durable, ["kittest.>"], **options)
    await provision(js, [], [spec])
    return spec


async def publish(js: JetStreamContext, envelope: CloudEvent, msg_id: str) -> None:
    subject = envelope.nats_subject
    await js.publish(subject, envelope.model_dump_json().encode(), headers={"Nats-Msg-Id": msg_id})


async def effects(pool: asyncpg.Pool[asyncpg.Record]) -> list[tuple[int, str]]:
    rows = await pool.fetch("SELECT number, how FROM effects ORDER BY number")
    return [(row["number"], row["how"]) for row in rows]


async def pending_and_unacked(js: JetStreamContext, spec: ConsumerSpec) -> tuple[int, int]:
    info = await js.consumer_info(spec.stream, spec.durable)
    return info.num_pending, info.num_ack_pending


async def all_acked(js: JetStreamContext, spec: ConsumerSpec) -> bool:
    """Acks are sent without waiting for the server: they land shortly after the commit."""
    return await pending_and_unacked(js, spec) == (0, 0)


def metric(name: str, consumer: str) -> float:
    return REGISTRY.get_sample_value(name, {"consumer": consumer}) or 0.0


async def test_the_batch_handler_gets_each_fresh_event_once_in_stream_order(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    spec = await consumer_for(js, pool, "kittest-batched")
    recorder = Recorder()
    runner = ConsumerRunner(pool, js, spec, recorder.one, batch_handler=recorder.many)
    first, second, third = (to_cloud_event(helpers.pending(n), "kittest") for n in (3, 1, 2))
    await publish(js, first, "a")
    await publish(js, second, "b")
    await publish(js, first, "a-again")  # a second copy inside the same batch
    await publish(js, third, "c")

    assert await runner.process_batch() == 4
    await publish(js, second, "b-again")  # a copy the inbox already knows
    assert await runner.process_batch() == 1

    assert recorder.batches == [[3, 1, 2]]
    assert recorder.singles == []
    assert await effects(pool) == [(1, "many"), (2, "many"), (3, "many")]
    await helpers.eventually(lambda: all_acked(js, spec))
    assert await pool.fetchval("SELECT last_seq FROM consumer_tracking") == 5
    assert metric("unionhub_consumer_applied_total", spec.durable) == 3
    assert metric("unionhub_consumer_duplicates_total", spec.durable) == 2


async def test_a_failing_batch_is_rolled_back_and_applied_one_by_one(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    spec = await consumer_for(js, pool, "kittest-fallback")
    recorder = Recorder(batch_fails=True)
    runner = ConsumerRunner(pool, js, spec, recorder.one, batch_handler=recorder.many)
    for number in (1, 2, 3):
        await publish(js, to_cloud_event(helpers.pending(number), "kittest"), f"m{number}")

    assert await runner.process_batch() == 3

    assert recorder.batches == [[1, 2, 3]]
    assert recorder.singles == [1, 2, 3]
    assert await effects(pool) == [(1, "one"), (2, "one"), (3, "one")]
    assert await pool.fetchval("SELECT count(*) FROM inbox") == 3
    await helpers.eventually(lambda: all_acked(js, spec))


async def test_a_poison_message_in_a_batch_is_dead_lettered_alone(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    spec = await consumer_for(js, pool, "kittest-batch-poison")
    recorder = Recorder()
    runner = ConsumerRunner(pool, js, spec, recorder.one, batch_handler=recorder.many)
    await publish(js, to_cloud_event(helpers.pending(1), "kittest"), "p1")
    await publish(js, to_cloud_event(helpers.pending(2, poison=True), "kittest"), "p2")
    await publish(js, to_cloud_event(helpers.pending(3), "kittest"), "p3")

    assert await runner.process_batch() == 3
    await publish(js, to_cloud_event(helpers.pending(4), "kittest"), "p4")
    assert await runner.process_batch() == 1

    assert recorder.batches == [[1, 2, 3], [4]]
    assert await effects(pool) == [(1, "one"), (3, "one"), (4, "many")]
    assert await pool.fetchval("SELECT count(*) FROM inbox") == 3
    letter = await js.get_msg(DEAD_LETTER_STREAM.name, 1)
    assert unquote((letter.headers or {})[REASON_HEADER]) == "poison: 号码不可用"
    assert CloudEvent.model_validate_json(letter.data or b"").data["number"] == 2
    await helpers.eventually(lambda: all_acked(js, spec))


async def test_nothing_is_acked_before_the_batch_commits(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    spec = await consumer_for(js, pool, "kittest-commit", backoff=[0.05])
    seen_unacked: list[tuple[int, int]] = []
    writes_twice = True

    async def marking(conn: asyncpg.Connection[Any], events: Sequence[CloudEvent]) -> None:
        seen_unacked.append(await pending_and_unacked(js, spec))
        await conn.execute(
            "INSERT INTO effects SELECT unnest($1::uuid[]), 0, 'many'", [e.id for e in events]
        )
        if writes_twice:  # breaks the commit, not before
            await conn.execute("INSERT INTO marks VALUES (1), (1)")

    runner = ConsumerRunner(pool, js, spec, Recorder().one, batch_handler=marking)
    await publish(js, to_cloud_event(helpers.pending(1), "kittest"), "c1")
    await publish(js, to_cloud_event(helpers.pending(2), "kittest"), "c2")

    with pytest.raises(asyncpg.UniqueViolationError):
        await runner.process_batch()

    assert seen_unacked == [(0, 2)]  # both delivered, neither acked while applying
    assert await pool.fetchval("SELECT count(*) FROM effects") == 0
    assert await pool.fetchval("SELECT count(*) FROM inbox") == 0
    assert (await pending_and_unacked(js, spec))[1] == 2  # nak'ed, to come again
    writes_twice = False
    await helpers.eventually(lambda: _applied(runner, pool, 2))
    await helpers.eventually(lambda: all_acked(js, spec))
    assert await pool.fetchval("SELECT count(*) FROM inbox") == 2


async def _applied(runner: ConsumerRunner, pool: asyncpg.Pool[asyncpg.Record], rows: int) -> bool:
    await runner.process_batch()
    return bool(await pool.fetchval("SELECT count(*) FROM effects") == rows)


async def test_each_message_of_a_batch_is_processed_in_its_own_trace(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    exporter = InMemorySpanExporter()
    setup_tracing("messaging-tests", extra_processor=SimpleSpanProcessor(exporter))
    spec = await consumer_for(js, pool, "kittest-batch-traced")
    recorder = Recorder()
    runner = ConsumerRunner(pool, js, spec, recorder.one, batch_handler=recorder.many)
    traces = []
    for number in (1, 2, 3):
        with tracer("test").start_as_current_span(f"POST /things/{number}") as request:
            async with pool.acquire() as conn, conn.transaction():
                await append_to_outbox(conn, "kittest", [helpers.pending(number)])
        traces.append(request.get_span_context().trace_id)
        if number == 2:
            await OutboxRelay(pool, helpers.SCHEMA, js).publish_pending()
            assert await runner.process_batch() == 2
    await OutboxRelay(pool, helpers.SCHEMA, js).publish_pending()
    assert await runner.process_batch() == 1

    spans = exporter.get_finished_spans()
    publish = {s.context.trace_id: s for s in spans if s.name == f"{helpers.SUBJECT} publish"}
    processed = {s.context.trace_id: s for s in spans if s.name == f"{helpers.SUBJECT} process"}
    first, second, lone = (processed[trace_id] for trace_id in traces)
    for process in (first, second, lone):  # a child of its own message's publish span
        assert process.parent is not None
        assert process.parent.span_id == publish[process.context.trace_id].context.span_id
    assert len(publish) == 3
    assert [(s.attributes or {}).get("messaging.batch.message_count") for s in (first, second)] == [
        2, 2,
    ]  # fmt: skip
    # The batch's statements ran under the last message's span; the first links to it.
    assert [link.context.span_id for link in first.links] == [second.context.span_id]
    statements = [s for s in spans if s.parent and s.parent.span_id == second.context.span_id]
    assert any("INSERT INTO effects" in str(s.attributes) for s in statements)
    assert recorder.batches == [[1, 2], [3]]
