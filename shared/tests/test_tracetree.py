"""Span files and the tree ``make trace`` draws from them."""

from __future__ import annotations

from pathlib import Path

from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.trace import SpanKind
from shared.telemetry import context_from_headers, current_trace_headers
from shared.trace_files import JsonLinesSpanExporter
from shared.tracetree import newest_request, read_spans, render


def _provider(folder: Path, service: str) -> TracerProvider:
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(
        SimpleSpanProcessor(JsonLinesSpanExporter(folder / f"{service}.jsonl"))
    )
    return provider


def _admission_across_two_services(folder: Path) -> str:
    membership = _provider(folder, "membership").get_tracer("test")
    reporting = _provider(folder, "reporting").get_tracer("test")
    with membership.start_as_current_span("POST /api/v1/members", kind=SpanKind.SERVER) as request:
        with membership.start_as_current_span(
            "INSERT", kind=SpanKind.CLIENT, attributes={"db.statement": "INSERT INTO members …"}
        ):
            pass
        headers = current_trace_headers()
    with reporting.start_as_current_span(
        "process membership.member.admitted",
        context=context_from_headers(headers),
        kind=SpanKind.CONSUMER,
    ):
        pass
    with membership.start_as_current_span("SELECT", kind=SpanKind.CLIENT):
        pass  # a poll outside any request: not written
    with membership.start_as_current_span("GET /readyz", kind=SpanKind.SERVER):
        pass  # a probe, later than the request: never "the newest request"
    return format(request.get_span_context().trace_id, "032x")


def test_the_newest_request_is_drawn_as_a_tree_across_services(tmp_path: Path) -> None:
    trace_id = _admission_across_two_services(tmp_path)
    spans = read_spans(tmp_path)

    assert {span.name for span in spans} == {
        "POST /api/v1/members",
        "INSERT",
        "process membership.member.admitted",
        "GET /readyz",
    }
    assert newest_request(spans) == trace_id
    header, request, insert, processed = render(spans, trace_id)
    assert header == f"trace {trace_id} · 3 spans · membership → reporting"
    assert request.split()[-3:] == ["membership", "POST", "/api/v1/members"]
    assert "    INSERT  INSERT INTO members" in insert  # one level down
    assert "reporting      process membership.member.admitted" in processed


def test_a_torn_line_is_skipped_and_an_unknown_trace_draws_nothing(tmp_path: Path) -> None:
    trace_id = _admission_across_two_services(tmp_path)
    with (tmp_path / "membership.jsonl").open("ab") as out:
        out.write(b'{"trace_id": "ab')
    spans = read_spans(tmp_path)
    assert len(render(spans, trace_id)) == 4
    assert render(spans, "0" * 32) == []
