"""One delivered message on its way through the consumer runner, and what became of it."""

from __future__ import annotations

import enum
import functools
import logging
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from nats.aio.msg import Msg
from nats.errors import NotJSMessageError
from nats.js.client import JetStreamContext
from opentelemetry import context as otel_context
from pydantic import ValidationError

from shared.bus.deadletter import dead_letter
from shared.bus.streams import ConsumerSpec
from shared.contracts.envelope import CloudEvent
from shared.metrics import (
    CONSUMER_APPLIED,
    CONSUMER_DUPLICATES,
    CONSUMER_LAG,
    CONSUMER_LAST_SEQUENCE,
    CONSUMER_REDELIVERIES,
)
from shared.telemetry import context_from_headers

logger = logging.getLogger(__name__)

# $JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<time>.<pending>; the
# longer form (with domain and account) puts the stream sequence at Msg.Ack.StreamSeq.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_V1_ACK_TOKENS = 9
_V1_STREAM_SEQ = 5


class PoisonMessage(Exception):
    """Raised by a handler for an event that can never be applied, however often retried.

    The message is copied to the dead-letter stream with this exception's text as the
    reason, and terminated.
    """


class Outcome(enum.Enum):
    """What the runner does with a message once its batch is committed."""

    APPLIED = "applied"  # ack
    DUPLICATE = "duplicate"  # ack: the inbox shows it was applied before
    RETRY = "retry"  # nak with backoff
    POISON = "poison"  # dead-letter, then term


@dataclass(eq=False)
class Delivery:
    """A fetched message, its decoded envelope (None when undecodable) and its outcome."""

    msg: Msg
    event: CloudEvent | None
    event_key: str = ""
    outcome: Outcome | None = None
    reason: str = ""

    @property
    def num_delivered(self) -> int:
        """How many times JetStream has delivered this message, this time included."""
        return int(self.msg.metadata.num_delivered)

    @functools.cached_property
    def stream_seq(self) -> int:
        """The message's sequence in its stream, parsed once from its reply subject alone.

        ``msg.metadata`` parses every token, a timestamp and two dataclasses: as much work as
        decoding the event when a rebuild replays a stream and needs only this one.

        Raises:
            NotJSMessageError: the message did not come from a JetStream consumer.
        """
        tokens = (self.msg.reply or "").split(".")
        if tokens[:2] != ["$JS", "ACK"] or len(tokens) < _V1_ACK_TOKENS:
            raise NotJSMessageError
        return int(tokens[_V1_STREAM_SEQ if len(tokens) == _V1_ACK_TOKENS else Msg.Ack.StreamSeq])

    @property
    def settled_ok(self) -> bool:
        """True when the event is applied (now or before) and the message may be acked."""
        return self.outcome in (Outcome.APPLIED, Outcome.DUPLICATE)

    def reset(self) -> None:
        """Forget that a rolled-back attempt applied this event; failures are kept."""
        if self.outcome is Outcome.APPLIED:
            self.outcome = None

    def give_up(self, reason: str) -> None:
        """Mark the message poison: it goes to the dead-letter stream."""
        self.outcome = Outcome.POISON
        self.reason = reason

    def failed(self, error: Exception, max_deliver: int) -> None:
        """Record a handler failure: retry later, or give up at the last allowed delivery."""
        if self.num_delivered >= max_deliver:
            self.give_up(f"failed at delivery {self.num_delivered} of {max_deliver}: {error!r}")
            return
        self.outcome = Outcome.RETRY
        self.reason = repr(error)

    def follow(self, earlier: Delivery) -> None:
        """Settle a second copy of an event seen earlier in the same batch like the first."""
        if earlier.settled_ok:
            self.outcome = Outcome.DUPLICATE
        else:
            self.outcome = Outcome.RETRY
            self.reason = "an earlier copy of this event in the batch was not applied"

    def trace_context(self) -> otel_context.Context:
        """The trace context the message carries (its publish span), to process it under."""
        return context_from_headers(self.msg.headers)

    def span_attributes(self, consumer: str) -> dict[str, str | int]:
        """OpenTelemetry messaging attributes of the processing span."""
        return {
            "messaging.system": "nats",
            "messaging.operation.type": "process",
            "messaging.destination.name": self.msg.subject,
            "messaging.consumer.group.name": consumer,
            "messaging.message.id": self.event_key,
            "messaging.nats.delivery_count": self.num_delivered,
        }


def _event_key(event_id: str) -> str:
    """The event id as the inbox keys it: a UUID in canonical form (lower-case, hyphenated).

    Raises:
        ValueError: the id is not a UUID.
    """
    if _CANONICAL_UUID.fullmatch(event_id):  # as every producer of ours writes them
        return event_id
    return str(uuid.UUID(event_id))


def decode(msg: Msg) -> Delivery:
    """Parse a message as a CloudEvent; one that does not parse is poison from the start."""
    try:
        event = CloudEvent.model_validate_json(msg.data)
        event_key = _event_key(event.id)
    except (ValidationError, ValueError) as error:
        delivery = Delivery(msg, None)
        delivery.give_up(f"not a CloudEvent: {error}")
        return delivery
    return Delivery(msg, event, event_key)


def observe(consumer: str, deliveries: Sequence[Delivery]) -> None:
    """Update the consumer metrics after a settled batch."""
    outcomes = [delivery.outcome for delivery in deliveries]
    CONSUMER_APPLIED.labels(consumer=consumer).inc(outcomes.count(Outcome.APPLIED))
    CONSUMER_DUPLICATES.labels(consumer=consumer).inc(outcomes.count(Outcome.DUPLICATE))
    redelivered = sum(1 for delivery in deliveries if delivery.num_delivered > 1)
    CONSUMER_REDELIVERIES.labels(consumer=consumer).inc(redelivered)
    CONSUMER_LAG.labels(consumer=consumer).set(deliveries[-1].msg.metadata.num_pending)
    done = [delivery.stream_seq for delivery in deliveries if delivery.settled_ok]
    if done:
        CONSUMER_LAST_SEQUENCE.labels(consumer=consumer).set(max(done))


async def settle(js: JetStreamContext, spec: ConsumerSpec, deliveries: Sequence[Delivery]) -> None:
    """After the batch committed: ack what applied, nak what may yet apply, dead-letter the rest."""
    for delivery in deliveries:
        # Acks only queue bytes on the connection: awaiting them in turn beats a task each.
        if delivery.settled_ok:
            await delivery.msg.ack()
        elif delivery.outcome is Outcome.RETRY:
            await delivery.msg.nak(delay=spec.nak_delay(delivery.num_delivered))
        elif delivery.outcome is Outcome.POISON:
            await _dead_letter(js, spec, delivery)


async def nak_all(spec: ConsumerSpec, deliveries: Sequence[Delivery]) -> None:
    """After the batch failed as a whole: ask for every message again, later."""
    for delivery in deliveries:
        try:
            await delivery.msg.nak(delay=spec.nak_delay(delivery.num_delivered))
        except Exception:  # the server redelivers after ack_wait anyway
            logger.debug("nak failed", exc_info=True)


async def _dead_letter(js: JetStreamContext, spec: ConsumerSpec, delivery: Delivery) -> None:
    try:
        await dead_letter(js, delivery.msg, spec.durable, delivery.reason)
    except Exception:
        logger.warning("dead-lettering failed, will retry", exc_info=True)
        await delivery.msg.nak(delay=spec.nak_delay(delivery.num_delivered))
