"""One trace runs from the request that wrote the outbox row to the consumer that applied it."""

from __future__ import annotations

from typing import Any

import asyncpg
from nats.js.client import JetStreamContext
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from shared.bus import ConsumerRunner, ConsumerSpec, provision
from shared.contracts.envelope import CloudEvent
from shared.outbox import OutboxRelay, append_to_outbox
from shared.telemetry import setup_tracing, tracer


async def test_publish_and_process_spans_continue_the_writing_request_trace(
    pool: asyncpg.Pool[asyncpg.Record], js: JetStreamContext, helpers: Any
) -> None:
    exporter = InMemorySpanExporter()
    setup_tracing("messaging-tests", extra_processor=SimpleSpanProcessor(exporter))
    spec = ConsumerSpec("KITTEST", "kittest-traced", ["kittest.>"])
    await provision(js, [], [spec])
    applied: list[str | None] = []

    async def handler(conn: asyncpg.Connection[Any], event: CloudEvent) -> None:
        applied.append(event.traceparent)

    with tracer("test").start_as_current_span("POST /things") as request_span:
        async with pool.acquire() as conn, conn.transaction():
            await append_to_outbox(conn, "kittest", [helpers.pending(1)])
    await OutboxRelay(pool, helpers.SCHEMA, js).publish_pending()
    assert await ConsumerRunner(pool, js, spec, handler).process_batch() == 1

    trace_id = request_span.get_span_context().trace_id
    spans = {span.name: span for span in exporter.get_finished_spans()}
    publish = spans[f"{helpers.SUBJECT} publish"]
    process = spans[f"{helpers.SUBJECT} process"]
    assert publish.context is not None
    assert process.context is not None
    assert publish.context.trace_id == process.context.trace_id == trace_id
    assert publish.parent is not None
    assert process.parent is not None
    assert publish.parent.span_id == request_span.get_span_context().span_id
    assert process.parent.span_id == publish.context.span_id
    assert (publish.kind, process.kind) == (SpanKind.PRODUCER, SpanKind.CONSUMER)
    # The envelope keeps the writing request's context (trace flags aside).
    request_ids = f"00-{trace_id:032x}-{request_span.get_span_context().span_id:016x}-"
    assert len(applied) == 1
    assert (applied[0] or "").startswith(request_ids)
