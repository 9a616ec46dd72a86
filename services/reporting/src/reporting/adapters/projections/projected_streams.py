"""The streams the read models are built from, and how each one's events are applied.

The live consumers and the rebuild both read this list: a stream added here is replayed by
``reporting rebuild`` into the shadow schema, caught up while the live consumers are paused,
and compared, with no other change to the rebuild. An entry names the durable consumer (its
stream, filter and the inbox name its events are recorded under), the per-event handler and,
optionally, a batch handler with the same effect applied to a whole batch at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.bus import BatchHandler, ConsumerSpec, Handler

from reporting.adapters.projections.assistance import apply_assistance_event
from reporting.adapters.projections.membership import apply_membership_batch, apply_membership_event
from reporting.config import ASSISTANCE_CONSUMER, MEMBERSHIP_CONSUMER


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


MEMBERSHIP = ProjectedStream(
    MEMBERSHIP_CONSUMER, apply_membership_event, apply_membership_batch, lanes=3
)
ASSISTANCE = ProjectedStream(ASSISTANCE_CONSUMER, apply_assistance_event)

PROJECTED_STREAMS: tuple[ProjectedStream, ...] = (MEMBERSHIP, ASSISTANCE)
"""Every stream the rebuild replays, in the order it replays them."""
