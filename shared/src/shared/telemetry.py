"""OpenTelemetry set-up and W3C trace-context propagation across HTTP, the outbox and NATS.

Exporters follow the standard ``OTEL_*`` variables and are off unless
``OTEL_TRACES_EXPORTER=otlp`` (or ``console``) is set; spans are still created, so trace ids
appear in logs and in event envelopes either way.

:func:`setup_tracing` also instruments asyncpg, process-wide: every query becomes a client span
under whatever span is current (the HTTP request's, the relay's). Only the SQL text is recorded,
never the parameters, which carry personal data.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

_configured = False


def setup_tracing(service_name: str, extra_processor: SpanProcessor | None = None) -> None:
    """Install a tracer provider and the asyncpg instrumentation, once per process.

    Args:
        service_name: the ``service.name`` resource attribute (``OTEL_SERVICE_NAME`` wins).
        extra_processor: an additional processor, e.g. an in-memory exporter in tests.
    """
    global _configured
    if _configured:
        if extra_processor is not None:
            provider = trace.get_tracer_provider()
            if isinstance(provider, TracerProvider):
                provider.add_span_processor(extra_processor)
        return
    name = os.environ.get("OTEL_SERVICE_NAME", service_name)
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    exporter = _exporter_from_env()
    if exporter is not None:
        provider.add_span_processor(BatchSpanProcessor(exporter))
    if extra_processor is not None:
        provider.add_span_processor(extra_processor)
    trace.set_tracer_provider(provider)
    _instrument_asyncpg()
    _configured = True


def _instrument_asyncpg() -> None:
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
