"""How one stream's events reach the read models: decode, guard the version, project.

Events of one aggregate may arrive in any order (see :mod:`versions`): every version is
applied once, whenever it comes, and the projectors derive each aggregate's rows from all its
stored versions; a version applied before is a re-publication and ignored. Events of
different aggregates may arrive in any order too: each projector writes rows keyed by
its own aggregate (or by the event or the publisher's id of the thing), and roll-ups join
facts to the tree when a report is read.

A :class:`StreamProjection` is the same for every stream: its version guard, one projector
per event type it has a read model for, and, optionally, a batch writer applying many
claimed events with a few statements per table, leaving the rows the events leave one by one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import asyncpg
from shared.bus import PoisonMessage
from shared.bus.decoding import decode_or_poison
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent

from reporting.adapters.projections.versions import Versioned, VersionGuard

Conn: TypeAlias = "asyncpg.Connection[Any]"
Decoded: TypeAlias = "Versioned[tuple[CloudEvent, IntegrationEvent]]"
"""An event with its envelope, its aggregate and its version."""
Project: TypeAlias = "Callable[[Conn, CloudEvent, Any, int], Awaitable[None]]"
"""Writes one event whose version was claimed: ``(conn, envelope, event, version)``."""
WriteBatch: TypeAlias = "Callable[[Conn, Sequence[Decoded]], Awaitable[None]]"
"""Writes claimed events, in stream order, with the rows :data:`Project` leaves for each."""


@dataclass(frozen=True)
class EventProjector:
    """What one event type does to the read models, and which kind of aggregate it is about."""

    aggregate_type: str
    project: Project


@dataclass(frozen=True)
class StreamProjection:
    """One stream's version guard, per-event projectors by event type, and batch writer."""

    guard: VersionGuard
    projectors: Mapping[type[IntegrationEvent], EventProjector]
    write_batch: WriteBatch | None = None

    async def apply_event(self, conn: Conn, envelope: CloudEvent) -> None:
        """Project one event inside the consumer's batch transaction.

        Raises:
            PoisonMessage: the event cannot be decoded or names no aggregate.
        """
        found = self.decoded(envelope)
        if found is None:  # a contract this service has no read model for
            return
        if await self.guard.claim_one(conn, found):
            envelope, event = found.item
            await self.projectors[type(event)].project(conn, envelope, event, found.version)

    async def apply_batch(self, conn: Conn, envelopes: Sequence[CloudEvent]) -> None:
        """Project a batch of events, in stream order, with a few statements per table.

        Raises:
            PoisonMessage: some event cannot be decoded; the runner then applies them one by one.
        """
        assert self.write_batch is not None, "a batch handler only for a batch writer"
        found = [decoded for envelope in envelopes if (decoded := self.decoded(envelope))]
        # The statements below take arrays of a size only known when bound: a plan cached for
        # the small tables and batches of earlier calls would scan the large tables of later ones.
        await conn.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        await self.write_batch(conn, await self.guard.claim_all(conn, found))

    def decoded(self, envelope: CloudEvent) -> Decoded | None:
        """The decoded event with its aggregate and version; None when not projected here."""
        event = decode_or_poison(envelope)
        projector = self.projectors.get(type(event))
        if projector is None:
            return None
        if envelope.subject is None:
            raise PoisonMessage(f"{envelope.type} 事件缺少聚合标识 subject")
        return Versioned(
            self.guard.key(envelope.subject), projector.aggregate_type, envelope.aggregateversion,
            (envelope, event),
        )  # fmt: skip


def in_stream_order(projectors: Mapping[type[IntegrationEvent], EventProjector]) -> WriteBatch:
    """A batch writer that projects the claimed events one by one, in stream order.

    It leaves exactly the rows :meth:`StreamProjection.apply_event` leaves for each event, and
    still saves a claim per event: the batch's versions are claimed with a few statements.
    For a stream whose read models have no set-based writer (yet).
    """

    async def write_in_order(conn: Conn, applied: Sequence[Decoded]) -> None:
        for decoded in applied:
            envelope, event = decoded.item
            await projectors[type(event)].project(conn, envelope, event, decoded.version)

    return write_in_order
