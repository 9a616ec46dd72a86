"""``make trace``: one trace of the running platform as a tree across services.

Reads the span files ``make run`` has its processes write (:mod:`shared.trace_files`) and
prints the newest request's trace — or the one whose id is given — with each span's service,
its start after the trace began and its duration::

    trace 4bf92f3577b34da6a3ce929d0e0e4736 · 14 spans · membership → reporting, assistance
      0.0 ms   38.2 ms  membership  POST /api/v1/members
      1.1 ms    0.9 ms  membership    INSERT  INSERT INTO membership.members …
      …
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from shared.trace_files import TRACE_DIR_VARIABLE

PROBES = ("/livez", "/readyz", "/metrics")
"""Requests nobody traces on purpose: never taken for "the newest request"."""


@dataclass(frozen=True)
class Span:
    """A span as read back from a span file."""

    trace_id: str
    span_id: str
    parent_span_id: str | None
    name: str
    service: str
    kind: str
    start_ns: int
    end_ns: int
    status: str
    attributes: dict[str, Any]

    @property
    def duration_ms(self) -> float:
        return (self.end_ns - self.start_ns) / 1e6


def read_spans(folder: Path) -> list[Span]:
    """Every span in the folder's ``*.jsonl`` files (a line cut short by a crash is skipped)."""
    spans = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            try:
                spans.append(Span(**orjson.loads(line)))
            except (orjson.JSONDecodeError, TypeError):
                continue
    return spans


def newest_request(spans: Iterable[Span]) -> str | None:
    """The id of the trace whose request started last (probes left out), if any."""
    requests = [
        span
        for span in spans
        if span.kind == "SERVER" and not any(probe in span.name for probe in PROBES)
    ]
    return max(requests, key=lambda span: span.start_ns).trace_id if requests else None


def render(spans: list[Span], trace_id: str) -> list[str]:
    """The lines of one trace: a header, then its spans depth-first in start order."""
    members = [span for span in spans if span.trace_id == trace_id]
    if not members:
        return []
    ids = {span.span_id for span in members}
    children: dict[str | None, list[Span]] = defaultdict(list)
    for span in members:  # a parent not written (yet) leaves its children at the top
        children[span.parent_span_id if span.parent_span_id in ids else None].append(span)
    origin = min(span.start_ns for span in members)
    services = list(dict.fromkeys(span.service for span in sorted(members, key=_start)))
    lines = [f"trace {trace_id} · {len(members)} spans · {' → '.join(services)}"]
    for depth, span in _depth_first(children, None, 0):
        offset = (span.start_ns - origin) / 1e6
        mark = "  ✗" if span.status == "ERROR" else ""
        label = f"{'  ' * depth}{span.name}{_detail(span)}{mark}"
        lines.append(f"{offset:9.1f} ms {span.duration_ms:9.1f} ms  {span.service:<12} {label}")
    return lines


def _depth_first(
    children: dict[str | None, list[Span]], parent: str | None, depth: int
) -> Iterator[tuple[int, Span]]:
    for span in sorted(children.get(parent, []), key=_start):
        yield depth, span
        yield from _depth_first(children, span.span_id, depth + 1)


def _start(span: Span) -> int:
    return span.start_ns


def _detail(span: Span) -> str:
    statement = span.attributes.get("db.statement")
    if isinstance(statement, str):
        text = " ".join(statement.split())
        return "" if text == span.name else f"  {text[:90]}"
    status = span.attributes.get("http.status_code") or span.attributes.get(
        "http.response.status_code"
    )
    return f"  → {status}" if status else ""


cli = typer.Typer(add_completion=False, help="打印一条调用链 (print one trace as a tree)")


@cli.command()
def main(
    trace_id: Annotated[
        str | None, typer.Argument(help="32 hex digits; the newest if omitted")
    ] = None,
    folder: Annotated[
        Path, typer.Option("--dir", envvar=TRACE_DIR_VARIABLE, help="span files of make run")
    ] = Path(".data/traces"),
) -> None:
    """Print the newest request's trace, or the given one, as a tree across services."""
    spans = read_spans(folder)
    chosen = trace_id.lower() if trace_id else newest_request(spans)
    lines = render(spans, chosen) if chosen else []
    if not lines:
        typer.echo(f"没有找到调用链 (no trace found in {folder}; is make run running?)", err=True)
        raise typer.Exit(1)
    typer.echo("\n".join(lines))


if __name__ == "__main__":
    cli()
