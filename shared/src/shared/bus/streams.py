"""JetStream streams and durable consumers as data, and their idempotent provisioning."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from nats.js import api
from nats.js.client import JetStreamContext
from nats.js.errors import NotFoundError

from shared.bus.connection import NATS_OUTAGES


@dataclass(frozen=True)
class StreamSpec:
    """One JetStream stream (file storage, limits retention).

    Attributes:
        name: stream name, upper case by convention (``MEMBERSHIP``).
        subjects: subjects captured, e.g. ``["membership.>"]``.
        duplicate_window: how long JetStream remembers ``Nats-Msg-Id`` to drop re-publications.
        max_age: how long messages are kept; None keeps them until removed by an operator.
        replicas: copies in a cluster (3 in production, 1 on one machine).
    """

    name: str
    subjects: list[str]
    duplicate_window: timedelta = timedelta(minutes=2)
    max_age: timedelta | None = None
    replicas: int = 1

    def config(self) -> api.StreamConfig:
        """The nats-py configuration of this stream."""
        return api.StreamConfig(
            name=self.name,
            subjects=list(self.subjects),
            retention=api.RetentionPolicy.LIMITS,
            storage=api.StorageType.FILE,
            duplicate_window=self.duplicate_window.total_seconds(),
            max_age=self.max_age.total_seconds() if self.max_age else 0,
            num_replicas=self.replicas,
        )


@dataclass(frozen=True)
class ConsumerSpec:
    """A durable pull consumer with explicit acks.

    ``max_deliver`` is enforced by the consumer runner, not by the server: at the last
    delivery a failing message is copied to the dead-letter stream and terminated, so no
    message is ever dropped silently. The server therefore redelivers without limit.

    Attributes:
        stream: the stream consumed.
        durable: durable name, also the consumer's name in the inbox table.
        filter_subjects: subjects of the stream this consumer receives.
        max_deliver: deliveries of a failing message before it is dead-lettered.
        ack_wait: seconds the server waits for an ack before redelivering.
        backoff: nak delays in seconds after the 1st, 2nd, ... failure (the last one repeats).
        max_ack_pending: most messages delivered and not yet acked.
    """

    stream: str
    durable: str
    filter_subjects: list[str]
    max_deliver: int = 5
    ack_wait: float = 30
    backoff: list[float] = field(default_factory=lambda: [1.0, 5.0, 15.0, 30.0])
    max_ack_pending: int = 4096

    def nak_delay(self, num_delivered: int) -> float | None:
        """Delay before redelivering a message that failed at delivery ``num_delivered``."""
        if not self.backoff:
            return None
        return self.backoff[min(max(num_delivered, 1), len(self.backoff)) - 1]

    def config(self) -> api.ConsumerConfig:
        """The nats-py configuration of this consumer."""
        return api.ConsumerConfig(
            name=self.durable,
            durable_name=self.durable,
            filter_subjects=list(self.filter_subjects),
            deliver_policy=api.DeliverPolicy.ALL,
            ack_policy=api.AckPolicy.EXPLICIT,
            ack_wait=self.ack_wait,
            max_deliver=-1,
            max_ack_pending=self.max_ack_pending,
        )


MEMBERSHIP_STREAM = StreamSpec("MEMBERSHIP", ["membership.>"])
ASSISTANCE_STREAM = StreamSpec("ASSISTANCE", ["assistance.>"])
DISPUTES_STREAM = StreamSpec("DISPUTES", ["disputes.>"])
TRAINING_STREAM = StreamSpec("TRAINING", ["training.>"])
DEAD_LETTER_STREAM = StreamSpec("DEADLETTER", ["deadletter.>"])

SERVICE_STREAMS: dict[str, StreamSpec] = {
    "membership": MEMBERSHIP_STREAM,
    "assistance": ASSISTANCE_STREAM,
    "disputes": DISPUTES_STREAM,
    "training": TRAINING_STREAM,
}
"""The stream each publishing service writes to, by service name."""


async def provision(
    js: JetStreamContext,
    streams: Sequence[StreamSpec],
    consumers: Sequence[ConsumerSpec] = (),
    *,
    replicas: int | None = None,
    patience: float = 30.0,
) -> None:
    """Create or update streams, then consumers; safe to call at every start of every replica.

    Args:
        js: a JetStream context.
        streams: streams to add, or to update when their configuration changed.
        consumers: durable consumers to add or update (their streams must exist).
        replicas: copies of each stream in the NATS cluster (``NATS_STREAM_REPLICAS``;
            production runs 3), overriding the specs' own.
        patience: seconds to keep retrying while NATS is unreachable or a JetStream leader
            is being elected (``503``, no responders, timeouts; see ``NATS_OUTAGES``).

    Raises:
        nats.js.errors.APIError: the server refused a configuration (e.g. a storage change).
        TimeoutError: JetStream was still unavailable after ``patience`` seconds (or another
            of ``NATS_OUTAGES``).
    """
    deadline = asyncio.get_running_loop().time() + patience
    for stream in streams:
        spec = stream if replicas is None else dataclasses.replace(stream, replicas=replicas)
        await _through_elections(functools.partial(_add_or_update_stream, js, spec), deadline)
    for consumer in consumers:
        add = functools.partial(js.add_consumer, consumer.stream, consumer.config())
        await _through_elections(add, deadline)


async def _through_elections(call: Callable[[], Awaitable[object]], deadline: float) -> None:
    """Run ``call``, again after a backoff while NATS is away or JetStream elects a leader."""
    delay = 0.1
    while True:
        try:
            await call()
            return
        except NATS_OUTAGES:
            if asyncio.get_running_loop().time() + delay > deadline:
                raise
            await asyncio.sleep(delay)
            delay = min(1.0, delay * 2)


async def _add_or_update_stream(js: JetStreamContext, spec: StreamSpec) -> None:
    try:
        await js.stream_info(spec.name)
    except NotFoundError:
        await js.add_stream(spec.config())
        return
    await js.update_stream(spec.config())
