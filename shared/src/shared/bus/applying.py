"""Applying one fetched batch inside one transaction, exactly once in effect.

The inbox rows of all the batch's events are inserted in one statement (an event already there
is a duplicate and is not applied again); the fresh events are applied; the consumer's last
stream sequence is recorded. What became of each message is left in its :class:`Delivery`.

The first attempt runs without savepoints: the batch handler, when there is one, gets every
fresh event at once and applies them with a handful of statements; otherwise the handler runs
per event. Should that attempt fail, it is rolled back whole and the batch runs again with
one savepoint per event through the per-event handler, so a failure (a poison message, say)
touches only its own message.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, TypeAlias, cast

import asyncpg

from shared.bus.delivery import Delivery, Outcome, PoisonMessage
from shared.bus.inbox import claim, release, track
from shared.bus.spans import batch_process_spans, process_span
from shared.bus.streams import ConsumerSpec
from shared.contracts.envelope import CloudEvent
from shared.outbox.writer import Connection
from shared.telemetry import tracer

logger = logging.getLogger(__name__)

Handler: TypeAlias = "Callable[[asyncpg.Connection[Any], CloudEvent], Awaitable[None]]"
BatchHandler: TypeAlias = (
    "Callable[[asyncpg.Connection[Any], Sequence[CloudEvent]], Awaitable[None]]"
)


class _IsolationNeeded(Exception):
    """A savepoint-free attempt failed; the batch runs again with a savepoint per event."""


def _first_copies(
    decoded: list[Delivery], fresh: set[str]
) -> tuple[dict[str, Delivery], list[Delivery]]:
    """The first copy of each event in the batch, and those of them to apply now.

    A first copy the inbox already holds is a duplicate; one that failed in the batch's first
    attempt stays failed. Later copies are settled like their first once it is applied.
    """
    first: dict[str, Delivery] = {}
    to_apply: list[Delivery] = []
    for delivery in decoded:
        if first.setdefault(delivery.event_key, delivery) is not delivery:
            continue
        if delivery.event_key not in fresh:
            delivery.outcome = Outcome.DUPLICATE
        elif delivery.outcome is None:
            to_apply.append(delivery)
    return first, to_apply


class BatchApplier:
    """Applies batches of one consumer's deliveries (see the module docstring).

    Args:
        spec: the consumer whose inbox and tracking rows are written.
        handler: applies one event; raises :class:`PoisonMessage` for one that never can.
        batch_handler: applies all fresh events of a batch, in stream order, with the same
            effect as ``handler`` applied to each in turn; any exception sends the batch
            through ``handler`` one event at a time instead.
        traced: whether to open processing spans (see :mod:`shared.bus.spans`).
    """

    def __init__(
        self,
        spec: ConsumerSpec,
        handler: Handler,
        batch_handler: BatchHandler | None = None,
        *,
        traced: bool = True,
    ) -> None:
        self._spec = spec
        self._handler = handler
        self._batch_handler = batch_handler
        self._traced = traced
        self._tracer = tracer(__name__)
        self.stream_created: datetime | None = None
        """The creation time of the stream consumed, recorded beside the tracked position."""

    async def apply(self, conn: Connection, deliveries: Sequence[Delivery]) -> None:
        """Apply ``deliveries`` in one transaction (two when the first attempt fails).

        Raises:
            Exception: the database failed; nothing of the batch is committed.
        """
        try:
            async with conn.transaction():
                await self._attempt(conn, deliveries, isolated=False)
            return
        except _IsolationNeeded:
            for delivery in deliveries:
                delivery.reset()
        async with conn.transaction():
            await self._attempt(conn, deliveries, isolated=True)

    async def _attempt(
        self, conn: Connection, deliveries: Sequence[Delivery], *, isolated: bool
    ) -> None:
        decoded = [delivery for delivery in deliveries if delivery.event is not None]
        fresh = await claim(conn, self._spec.durable, decoded)
        first, to_apply = _first_copies(decoded, fresh)
        if self._batch_handler is not None and not isolated:
            await self._apply_together(conn, to_apply)
        else:
            for delivery in to_apply:
                await self._apply_one(conn, delivery, isolated=isolated)
        for delivery in decoded:
            if first[delivery.event_key] is not delivery:
                delivery.follow(first[delivery.event_key])
        unapplied = [key for key in fresh if first[key].outcome is not Outcome.APPLIED]
        await release(conn, self._spec.durable, unapplied)
        await track(conn, self._spec, deliveries, self.stream_created)

    async def _apply_together(self, conn: Connection, deliveries: list[Delivery]) -> None:
        assert self._batch_handler is not None
        if not deliveries:
            return
        events = [delivery.event for delivery in deliveries if delivery.event is not None]
        try:
            with self._spans(deliveries):
                # A pooled connection proxies every Connection method at run time.
                await self._batch_handler(cast("asyncpg.Connection[Any]", conn), events)
        except Exception as error:
            if conn.is_closed():
                raise
            logger.info(
                "consumer %s: batch of %d failed as a whole (%r), applying one by one",
                self._spec.durable, len(events), error,
            )  # fmt: skip
            raise _IsolationNeeded from error
        for delivery in deliveries:
            delivery.outcome = Outcome.APPLIED

    async def _apply_one(self, conn: Connection, delivery: Delivery, *, isolated: bool) -> None:
        try:
            if isolated:
                async with conn.transaction():
                    await self._handle(conn, delivery)
            else:
                await self._handle(conn, delivery)
        except Exception as error:
            if conn.is_closed():
                raise
            if isinstance(error, PoisonMessage):
                delivery.give_up(f"poison: {error}")
            else:
                delivery.failed(error, self._spec.max_deliver)
            if not isolated:
                raise _IsolationNeeded from error
        else:
            delivery.outcome = Outcome.APPLIED

    async def _handle(self, conn: Connection, delivery: Delivery) -> None:
        assert delivery.event is not None
        with self._spans([delivery]):
            await self._handler(cast("asyncpg.Connection[Any]", conn), delivery.event)

    def _spans(self, deliveries: list[Delivery]) -> contextlib.AbstractContextManager[None]:
        if not self._traced:
            return contextlib.nullcontext()
        if len(deliveries) == 1:
            return process_span(self._tracer, self._spec.durable, deliveries[0])
        return batch_process_spans(self._tracer, self._spec.durable, deliveries)
