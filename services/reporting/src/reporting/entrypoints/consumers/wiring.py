"""The live consumers: one durable consumer per projected stream, all from the registry.

The registry (``PROJECTED_STREAMS``) says which streams feed the read models and how each
delivered event is applied; this module names the streams and consumers to provision and
gives one :class:`~shared.bus.ConsumerRunner` per stream, which the kit runs in the API's
process or in ``reporting consume`` alone.
"""

from __future__ import annotations

from nats.js.client import JetStreamContext
from shared.bus import DEAD_LETTER_STREAM, SERVICE_STREAMS, ConsumerRunner, ConsumerSpec, StreamSpec

from reporting.adapters.projections.projected_streams import PROJECTED_STREAMS
from reporting.bootstrap import Container

_STREAMS_BY_NAME = {stream.name: stream for stream in SERVICE_STREAMS.values()}

CONSUMERS: list[ConsumerSpec] = [stream.consumer for stream in PROJECTED_STREAMS]
"""The durable consumers, one per projected stream."""
STREAMS: list[StreamSpec] = [
    *(_STREAMS_BY_NAME[consumer.stream] for consumer in CONSUMERS),
    DEAD_LETTER_STREAM,
]
"""The streams consumed, and the one poison events are dead-lettered to."""


def consumer_runners(container: Container, js: JetStreamContext) -> list[ConsumerRunner]:
    """One runner per projected stream, applying its events to the read models."""
    return [container.consumer(stream, js) for stream in PROJECTED_STREAMS]
