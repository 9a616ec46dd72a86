"""OpenTelemetry set-up and W3C trace-context propagation across HTTP, the outbox and NATS.

Exporters follow the standard ``OTEL_*`` variables and are off unless
``OTEL_TRACES_EXPORTER=otlp`` (or ``console``) is set. Spans are created either way, so trace
ids appear in logs, problem bodies and event envelopes; but while no processor takes spans
(no exporter and no ``extra_processor``), the sampler records none of them: building span
attributes and events nobody reads is most of tracing's cost. ``OTEL_TRACES_SAMPLER``, when
set, replaces that sampler. With ``UNIONHUB_TRACE_DIR`` set (``make run`` sets it), spans are
also written to local files that ``make trace`` draws (:mod:`shared.trace_files`).

While spans are taken somewhere, :func:`setup_tracing` also instruments asyncpg, process-wide:
every query becomes a client span under whatever span is current (the HTTP request's, the
relay's). Only the SQL text is recorded, never the parameters, which carry personal data.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.sdk.trace.sampling import (
    ALWAYS_ON,
    Decision,
    ParentBased,
    Sampler,
    SamplingResult,
)
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.span import TraceState
from opentelemetry.util.types import Attributes

from shared.trace_files import TRACE_DIR_VARIABLE, JsonLinesSpanExporter

_configured = False


class RecordWhenExported(Sampler):
    """Parent-based sampling while spans are exported; otherwise record nothing.

    A dropped span still gets a valid context (the caller's trace id, or a new one), so trace
    ids keep reaching logs and envelopes at the cost of a context object per span.

    Attributes:
        exporting: whether some processor takes spans; :func:`setup_tracing` turns it on.
    """

    def __init__(self) -> None:
        self.exporting = False
        self._when_exporting = ParentBased(ALWAYS_ON)

    def should_sample(
        self,
        parent_context: otel_context.Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        if self.exporting:
            return self._when_exporting.should_sample(
                parent_context, trace_id, name, kind, attributes, links, trace_state
            )
        parent = trace.get_current_span(parent_context).get_span_context()
        return SamplingResult(Decision.DROP, None, parent.trace_state if parent.is_valid else None)

    def get_description(self) -> str:
        return f"RecordWhenExported{{exporting={self.exporting}}}"


_sampler = RecordWhenExported()


def setup_tracing(service_name: str, extra_processor: SpanProcessor | None = None) -> None:
    """Install a tracer provider once per process; attach exporters and asyncpg spans.

    Args:
        service_name: the ``service.name`` resource attribute (``OTEL_SERVICE_NAME`` wins).
        extra_processor: an additional processor, e.g. an in-memory exporter in tests; it may
            be given in a later call, and spans are recorded from then on.
    """
    global _configured
    if not _configured:
        name = os.environ.get("OTEL_SERVICE_NAME", service_name)
        # Without a sampler the SDK reads OTEL_TRACES_SAMPLER itself.
        sampler = None if os.environ.get("OTEL_TRACES_SAMPLER") else _sampler
        provider = TracerProvider(resource=Resource.create({"service.name": name}), sampler=sampler)
        exporter = _exporter_from_env()
        if exporter is not None:
            _attach(provider, BatchSpanProcessor(exporter))
        trace_dir = os.environ.get(TRACE_DIR_VARIABLE)
        if trace_dir:  # make run's span files, beside any exporter the OTEL_* variables chose
            files = JsonLinesSpanExporter(Path(trace_dir) / f"{name}-{os.getpid()}.jsonl")
            _attach(provider, BatchSpanProcessor(files, schedule_delay_millis=250))
        trace.set_tracer_provider(provider)
        _configured = True
    current = trace.get_tracer_provider()
    if extra_processor is not None and isinstance(current, TracerProvider):
        _attach(current, extra_processor)


def _attach(provider: TracerProvider, processor: SpanProcessor) -> None:
    provider.add_span_processor(processor)
    _sampler.exporting = True
    instrumentor = AsyncPGInstrumentor(capture_parameters=False)  # type: ignore[no-untyped-call]
    if not instrumentor.is_instrumented_by_opentelemetry:
        instrumentor.instrument()


def _exporter_from_env() -> SpanExporter | None:
    choice = os.environ.get("OTEL_TRACES_EXPORTER", "none").lower()
    if os.environ.get("OTEL_SDK_DISABLED", "false").lower() == "true" or choice == "none":
        return None
    if choice == "console":
        return ConsoleSpanExporter()
    if choice == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    return None


def spans_taken() -> bool:
    """Whether some processor takes spans; while none does, a span is only a context to pass on."""
    return _sampler.exporting


def tracer(name: str) -> trace.Tracer:
    """A tracer for ``name`` (a module or component)."""
    return trace.get_tracer(name)


def current_trace_headers() -> dict[str, str]:
    """The current context as W3C headers (``traceparent``, ``tracestate``), for storing or sending."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


def context_from_headers(headers: Mapping[str, str] | None) -> otel_context.Context:
    """Restore the context carried in ``headers`` (an outbox row's or a NATS message's)."""
    return propagate.extract(dict(headers or {}))


def current_trace_id() -> str | None:
    """The current trace id as 32 hex digits, or None outside a span."""
    span_context = trace.get_current_span().get_span_context()
    if not span_context.is_valid:
        return None
    return format(span_context.trace_id, "032x")
