"""Telling whether a durable consumer's stream was lost, and resetting its position after.

When the NATS store is lost (a volume gone, a cluster rebuilt) the streams come back empty,
created anew by the next ``provision``: events already published are gone for every consumer
that had not read them, and nothing fails. What gives the loss away is the consumer's tracked
position (``consumer_tracking`` in its own schema) beside the stream as it is now:

- the stream or the durable consumer does not exist;
- the stream's creation time is not the one recorded beside the position;
- the position lies beyond the stream's last sequence.

Recovery (``<service> recover``, :mod:`shared.recovery`) re-publishes the outboxes and then
resets the position to the new stream with :func:`reset_position`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nats.js import api
from nats.js.client import JetStreamContext
from nats.js.errors import NotFoundError

from shared.bus.streams import ConsumerSpec
from shared.outbox.writer import Connection

STREAM_MISSING = "stream_missing"
STREAM_RECREATED = "stream_recreated"
POSITION_BEYOND_STREAM = "position_beyond_stream"
CONSUMER_MISSING = "consumer_missing"


@dataclass(frozen=True)
class StreamLoss:
    """Why a consumer's stream counts as lost.

    Attributes:
        code: a machine code: ``stream_missing``, ``stream_recreated``,
            ``position_beyond_stream`` or ``consumer_missing``.
        reason: the same in a sentence, Chinese first, naming the remedy.
    """

    code: str
    reason: str


@dataclass(frozen=True)
class ConsumerState:
    """A durable consumer's tracked position beside its stream and consumer as they are now.

    Attributes:
        last_seq: the last stream sequence applied, as tracked in the consumer's schema.
        stream_created: the stream's creation time recorded beside it (None before the first
            batch).
        stream: the stream now, None when it does not exist.
        consumer: the durable consumer now, None when it does not exist.
    """

    last_seq: int
    stream_created: datetime | None
    stream: api.StreamInfo | None
    consumer: api.ConsumerInfo | None

    @property
    def loss(self) -> StreamLoss | None:
        """Why the stream counts as lost for this consumer, or None when it does not."""
        if self.stream is None:
            return StreamLoss(STREAM_MISSING, "流不存在：NATS 存储可能已丢失，需执行 recover")
        recorded, created = self.stream_created, self.stream.created
        if recorded is not None and created is not None and recorded != created:
            return StreamLoss(
                STREAM_RECREATED,
                f"流已被重新创建（原创建于 {recorded.isoformat()}，现创建于 "
                f"{created.isoformat()}）：此前发布的事件已丢失，需执行 recover",
            )
        if self.last_seq > self.stream.state.last_seq:
            return StreamLoss(
                POSITION_BEYOND_STREAM,
                f"已处理位置 {self.last_seq} 超过流的最后序号 {self.stream.state.last_seq}："
                "流已丢失，需执行 recover",
            )
        if self.consumer is None:
            return StreamLoss(CONSUMER_MISSING, "持久消费者不存在：需执行 recover")
        return None

    def detail(self) -> dict[str, Any]:
        """What ``/readyz`` shows of the consumer."""
        detail: dict[str, Any] = {"last_applied_sequence": self.last_seq}
        if self.stream is not None:
            detail["stream_last_sequence"] = self.stream.state.last_seq
        if self.consumer is not None:
            detail["pending"] = self.consumer.num_pending
            detail["unacknowledged"] = self.consumer.num_ack_pending
        loss = self.loss
        if loss is not None:
            detail["code"] = loss.code
            detail["reason"] = loss.reason
        return detail


async def consumer_state(
    conn: Connection, js: JetStreamContext, spec: ConsumerSpec
) -> ConsumerState:
    """Read the consumer's tracked position and ask NATS for its stream and durable consumer.

    Args:
        conn: a connection (or pool) with the consumer's schema on its search path.
        js: JetStream context.
        spec: the durable consumer.

    Raises:
        Exception: PostgreSQL or NATS did not answer.
    """
    row = await conn.fetchrow(
        "SELECT last_seq, stream_created FROM consumer_tracking WHERE consumer = $1",
        spec.durable,
    )
    stream = consumer = None
    try:
        stream = await js.stream_info(spec.stream)
        consumer = await js.consumer_info(spec.stream, spec.durable)
    except NotFoundError:
        pass
    return ConsumerState(
        last_seq=int(row["last_seq"]) if row else 0,
        stream_created=row["stream_created"] if row else None,
        stream=stream,
        consumer=consumer,
    )


async def reset_position(conn: Connection, js: JetStreamContext, spec: ConsumerSpec) -> int:
    """Move the tracked position onto the stream as it is now (after a loss).

    The position becomes what the durable consumer has acknowledged on the new stream, and the
    new stream's creation time is recorded beside it. Events delivered again are harmless: the
    inbox skips those applied before.

    Args:
        conn: a connection with the consumer's schema on its search path.
        js: JetStream context; the stream and the durable consumer must exist.
        spec: the durable consumer.

    Returns:
        The tracked position now.
    """
    stream = await js.stream_info(spec.stream)
    consumer = await js.consumer_info(spec.stream, spec.durable)
    acked = consumer.ack_floor.stream_seq if consumer.ack_floor else 0
    await conn.execute(
        "INSERT INTO consumer_tracking (consumer, stream, last_seq, stream_created)"
        " VALUES ($1, $2, $3, $4) ON CONFLICT (consumer) DO UPDATE SET"
        " stream = EXCLUDED.stream, last_seq = EXCLUDED.last_seq,"
        " stream_created = EXCLUDED.stream_created, updated_at = clock_timestamp()",
        spec.durable,
        spec.stream,
        acked or 0,
        stream.created,
    )
    return int(acked or 0)
