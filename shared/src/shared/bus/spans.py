"""Processing spans: each message's ``"{subject} process"`` span continues its own trace.

A message applied alone gets a span whose parent is the context it carries (the relay's
publish span), and the handler's statements run under it. A batch applied at once keeps one
such span per message, in each message's own trace and lasting the whole batch; the batch's
statements run under the last message's span, and the others link to that one, so every
writer's trace leads to the statements that applied its event.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from opentelemetry import trace
from opentelemetry.trace import Link, SpanKind

from shared.bus.delivery import Delivery

BATCH_SIZE_ATTRIBUTE = "messaging.batch.message_count"


@contextlib.contextmanager
def process_span(tracer: trace.Tracer, consumer: str, delivery: Delivery) -> Iterator[None]:
    """The current span while one message is applied on its own."""
    with tracer.start_as_current_span(
        f"{delivery.msg.subject} process",
        context=delivery.trace_context(),
        kind=SpanKind.CONSUMER,
        attributes=delivery.span_attributes(consumer),
    ):
        yield


@contextlib.contextmanager
def batch_process_spans(
    tracer: trace.Tracer, consumer: str, deliveries: Sequence[Delivery]
) -> Iterator[None]:
    """One span per message for a batch applied at once; the last one is current."""
    *others, last = deliveries
    carrier = _start(tracer, consumer, last, len(deliveries), [])
    links = [Link(carrier.get_span_context())]
    spans = [_start(tracer, consumer, delivery, len(deliveries), links) for delivery in others]
    try:
        with trace.use_span(carrier, end_on_exit=True, record_exception=True):
            yield
    finally:
        for span in spans:
            span.end()


def _start(
    tracer: trace.Tracer, consumer: str, delivery: Delivery, size: int, links: list[Link]
) -> trace.Span:
    attributes = {**delivery.span_attributes(consumer), BATCH_SIZE_ATTRIBUTE: size}
    return tracer.start_span(
        f"{delivery.msg.subject} process",
        context=delivery.trace_context(),
        kind=SpanKind.CONSUMER,
        attributes=attributes,
        links=links,
    )
