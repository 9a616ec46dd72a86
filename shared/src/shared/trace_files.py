"""Spans written to local files, for a developer to look at without a trace backend.

``make run`` sets ``UNIONHUB_TRACE_DIR`` (``.data/traces``); every process then appends its
finished spans to ``<dir>/<service>.jsonl``, one JSON object per span, and ``make trace``
(:mod:`shared.tracetree`) draws a trace from all the files as a tree across services. A
process writes only its own file, so lines from different processes never interleave.

Spans that start a trace of their own as a database client — the relay's and the consumers'
polling queries, made outside any request — are not written: they are most of the spans of an
idle platform and belong to no request a person would look for.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from opentelemetry.trace import SpanKind

TRACE_DIR_VARIABLE = "UNIONHUB_TRACE_DIR"
"""The folder span files are written to; unset, nothing is written."""
_LONGEST_VALUE = 300


class JsonLinesSpanExporter(SpanExporter):
    """Append finished spans to one JSON-lines file.

    Args:
        path: the file (its folder is created); lines are appended to what is there.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._lock = threading.Lock()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        lines = [span_line(span) for span in spans if _worth_keeping(span)]
        if lines:
            with self._lock, self._path.open("ab") as out:
                out.write(b"".join(line + b"\n" for line in lines))
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        """Nothing is held open between exports."""


def span_line(span: ReadableSpan) -> bytes:
    """One span as the JSON object :mod:`shared.tracetree` reads."""
    context = span.get_span_context()
    assert context is not None  # a finished SDK span always has one
    record: dict[str, Any] = {
        "trace_id": format(context.trace_id, "032x"),
        "span_id": format(context.span_id, "016x"),
        "parent_span_id": format(span.parent.span_id, "016x") if span.parent else None,
        "name": span.name,
        "service": span.resource.attributes.get("service.name", "?"),
        "kind": span.kind.name,
        "start_ns": span.start_time,
        "end_ns": span.end_time,
        "status": span.status.status_code.name,
        "attributes": {key: _short(value) for key, value in (span.attributes or {}).items()},
    }
    return orjson.dumps(record)


def _worth_keeping(span: ReadableSpan) -> bool:
    return not (span.parent is None and span.kind is SpanKind.CLIENT)


def _short(value: object) -> object:
    if isinstance(value, str) and len(value) > _LONGEST_VALUE:
        return value[:_LONGEST_VALUE] + "…"
    if isinstance(value, tuple):
        return list(value)
    return value
