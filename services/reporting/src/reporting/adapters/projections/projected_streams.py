"""The registry of the streams the read models are built from, and how each one is applied.

The consumer wiring (``reporting.entrypoints.consumers``), the rebuild and the bench all read
this list: a stream added here gets its live durable consumer, is replayed by ``reporting
rebuild`` into the shadow schema, caught up while the live consumers are paused, and
compared, with no other change. Every entry has the same shape: its durable consumer (stream,
filter and the inbox name its events are recorded under), the handler applying one delivered
event, optionally the batch handler with the same effect on a whole batch, the rebuild's
lanes, and the projection behind the handlers (version guard, projectors by event type).
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.bus import BatchHandler, ConsumerSpec, Handler

from reporting.adapters.projections import assistance, disputes, membership, training
from reporting.adapters.projections.stream_projection import StreamProjection
from reporting.config import (
    ASSISTANCE_CONSUMER,
    DISPUTES_CONSUMER,
    MEMBERSHIP_CONSUMER,
    TRAINING_CONSUMER,
)


@dataclass(frozen=True)
class ProjectedStream:
    """One stream feeding the read models: its durable consumer and its handlers."""

    consumer: ConsumerSpec
    handler: Handler
    batch_handler: BatchHandler | None = None
    lanes: int = 1
    """Transactions a rebuild may apply each batch in at once, split by aggregate, while the
    derived rows are deferred. More than one only for a stream whose events then write rows of
    their own aggregate alone: lanes touching the same rows would wait on, or deadlock with,
    each other."""
    projection: StreamProjection | None = None
    """The version guard and per-event projectors the handlers apply (None for a bare handler)."""

    @classmethod
    def of(
        cls, consumer: ConsumerSpec, projection: StreamProjection, *, lanes: int = 1
    ) -> ProjectedStream:
        """The stream applied by ``projection``, in batches when it has a batch writer."""
        batch = projection.apply_batch if projection.write_batch is not None else None
        return cls(consumer, projection.apply_event, batch, lanes, projection)

    @property
    def stream(self) -> str:
        """The JetStream stream's name."""
        return self.consumer.stream


MEMBERSHIP = ProjectedStream.of(MEMBERSHIP_CONSUMER, membership.PROJECTION, lanes=3)
ASSISTANCE = ProjectedStream.of(ASSISTANCE_CONSUMER, assistance.PROJECTION)
DISPUTES = ProjectedStream.of(DISPUTES_CONSUMER, disputes.PROJECTION)
TRAINING = ProjectedStream.of(TRAINING_CONSUMER, training.PROJECTION)

PROJECTED_STREAMS: tuple[ProjectedStream, ...] = (MEMBERSHIP, ASSISTANCE, DISPUTES, TRAINING)
"""Every projected stream, in the order the rebuild replays them."""
