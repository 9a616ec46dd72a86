"""Starting the live consumers: one durable consumer per projected stream, all from the registry.

The registry (``PROJECTED_STREAMS``) says which streams feed the read models and how each
delivered event is applied; this module provisions their streams and consumers and runs one
:class:`~shared.bus.ConsumerRunner` per stream, in the API's process or in ``reporting
consume`` alone.
"""

from __future__ import annotations

import asyncio

from nats.js.client import JetStreamContext
from shared.bus import DEAD_LETTER_STREAM, SERVICE_STREAMS, ConsumerSpec, StreamSpec, provision

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


async def provision_consumers(js: JetStreamContext, replicas: int) -> None:
    """Create or update the streams consumed and the durable consumers (idempotent)."""
    await provision(js, STREAMS, CONSUMERS, replicas=replicas)


def start_consumers(
    container: Container, js: JetStreamContext, stop: asyncio.Event
) -> list[asyncio.Task[None]]:
    """One task per projected stream, applying its events until ``stop`` is set."""
    return [
        asyncio.create_task(container.consumer(stream, js).run(stop))
        for stream in PROJECTED_STREAMS
    ]


async def run_consumers(container: Container, js: JetStreamContext, stop: asyncio.Event) -> None:
    """Apply every projected stream's events until ``stop`` is set."""
    await asyncio.gather(
        *(container.consumer(stream, js).run(stop) for stream in PROJECTED_STREAMS)
    )
