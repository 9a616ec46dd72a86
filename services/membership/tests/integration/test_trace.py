"""One admission is one trace: the HTTP request, its SQL and the event's publication."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from shared.telemetry import setup_tracing

from .conftest import Api, Tree, admit_body
from .probes import ADMITTED, eventually

PUBLISH_SPAN = f"{ADMITTED} publish"


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    spans = InMemorySpanExporter()
    processor = SimpleSpanProcessor(spans)
    setup_tracing("membership", extra_processor=processor)
    yield spans
    processor.shutdown()  # the provider keeps the processor; a stopped exporter takes nothing


def in_trace(exporter: InMemorySpanExporter, trace_id: int) -> list[ReadableSpan]:
    return [
        span
        for span in exporter.get_finished_spans()
        if span.context is not None and span.context.trace_id == trace_id
    ]


def sql_of(span: ReadableSpan) -> str:
    """The SQL of an asyncpg span under either the old or the stable semantic conventions."""
    attributes = span.attributes or {}
    system = attributes.get("db.system", attributes.get("db.system.name"))
    if system != "postgresql":
        return ""
    return str(attributes.get("db.statement", attributes.get("db.query.text", "")))


def descends_from(span: ReadableSpan, ancestor: ReadableSpan, spans: list[ReadableSpan]) -> bool:
    """Whether ``ancestor`` is up the parent chain of ``span`` (not merely in the same trace)."""
    parents = {s.context.span_id: s.parent for s in spans if s.context is not None}
    target = ancestor.context.span_id if ancestor.context is not None else None
    parent = span.parent
    while parent is not None and parent.span_id != target:
        parent = parents.get(parent.span_id)
    return parent is not None


async def test_request_sql_and_publish_spans_share_the_callers_trace(
    api: Api, tree: Tree, exporter: InMemorySpanExporter
) -> None:
    trace_id = secrets.randbits(128) | 1
    caller = f"00-{trace_id:032x}-{secrets.randbits(64) | 1:016x}-01"
    exporter.clear()

    response = await api.client.post(
        "/api/v1/members", json=admit_body(tree, 7), headers={**api.token(), "traceparent": caller}
    )
    assert response.status_code == 201, response.text

    async def published() -> bool:
        return any(span.name == PUBLISH_SPAN for span in in_trace(exporter, trace_id))

    await eventually(published, what="the publish span of the admission")
    spans = in_trace(exporter, trace_id)
    server = [s for s in spans if s.kind is SpanKind.SERVER]
    assert [s.name for s in server] == ["POST /api/v1/members"]
    statements = [sql_of(s) for s in spans if sql_of(s)]
    # The member's row and its outbox row are written by one statement.
    admission = [sql for sql in statements if "INSERT INTO members" in sql]
    assert len(admission) == 1, statements
    assert "INSERT INTO outbox" in admission[0], statements
    publish = next(s for s in spans if s.name == PUBLISH_SPAN)
    assert publish.kind is SpanKind.PRODUCER
    assert (publish.attributes or {})["messaging.destination.name"] == ADMITTED
    assert descends_from(publish, server[0], spans)


async def test_a_problem_names_the_trace_of_the_refused_request(api: Api, tree: Tree) -> None:
    trace_id = secrets.randbits(128) | 1
    caller = f"00-{trace_id:032x}-{secrets.randbits(64) | 1:016x}-01"

    response = await api.client.post(
        "/api/v1/members",
        json=admit_body(tree, 7, mobile="12345"),
        headers={**api.token(), "traceparent": caller},
    )

    assert response.status_code == 422, response.text
    assert response.json()["trace_id"] == f"{trace_id:032x}"
