"""Pulling whole batches from a JetStream pull consumer with one request each, for bulk reads.

nats-py's ``fetch`` waits for each message of a batch in turn, with a task and a timer per
message, which costs more than the message itself when a batch is thousands long. Here one
pull request (``no_wait``) asks for the batch and a subscription callback collects what the
server sends until the batch is full or the server says nothing more is there.
"""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from nats.js import api
from nats.js.client import JetStreamContext
from nats.js.errors import ServiceUnavailableError

_NO_RESPONDERS = "503"


class BatchPuller:
    """Pulls batches of what a pull consumer has available now, one request at a time.

    Args:
        js: JetStream context.
        stream: the stream consumed.
        consumer: the pull consumer's name.
        answer_seconds: how long the server may take to answer a pull.
    """

    def __init__(
        self, js: JetStreamContext, stream: str, consumer: str, answer_seconds: float = 5.0
    ) -> None:
        self._js = js
        self._stream = stream
        self._consumer = consumer
        self._answer_seconds = answer_seconds
        self._subscription: Subscription | None = None
        self._received: list[Msg] = []
        self._wanted = 0
        self._complete = asyncio.Event()
        self._unavailable = False

    @classmethod
    async def ephemeral(
        cls, js: JetStreamContext, stream: str, config: api.ConsumerConfig, idle: timedelta
    ) -> BatchPuller:
        """Create an ephemeral pull consumer, removed by the server after ``idle`` unused."""
        config.inactive_threshold = idle.total_seconds()
        info = await js.add_consumer(stream, config)
        return cls(js, stream, info.name)

    async def pull(self, batch: int) -> list[Msg]:
        """Up to ``batch`` messages, those available when asked (none when none is).

        Raises:
            TimeoutError: the server did not answer in time; messages it sends later would
                be mixed into the next batch, so stop pulling.
            ServiceUnavailableError: nobody answered for the consumer (503): its node is
                gone or a leader election is under way.
        """
        nc = self._js._nc  # the connection the context was made from
        if self._subscription is None:
            self._subscription = await nc.subscribe(nc.new_inbox(), cb=self._collect)
        self._received, self._wanted, self._unavailable = [], batch, False
        self._complete.clear()
        request = json.dumps({"batch": batch, "no_wait": True}).encode()
        subject = f"{api.DEFAULT_PREFIX}.CONSUMER.MSG.NEXT.{self._stream}.{self._consumer}"
        await nc.publish(subject, request, reply=self._subscription.subject)
        await asyncio.wait_for(self._complete.wait(), self._answer_seconds)
        if self._unavailable:
            raise ServiceUnavailableError
        return self._received

    async def close(self, *, delete: bool = False) -> None:
        """Stop receiving; ``delete`` also removes the consumer from the server."""
        if self._subscription is not None:
            await self._subscription.unsubscribe()
            self._subscription = None
        if delete:
            await self._js.delete_consumer(self._stream, self._consumer)

    async def _collect(self, msg: Msg) -> None:
        status = JetStreamContext.is_status_msg(msg)
        if status:  # 404 no messages, 408 expired: the batch ends
            # 503: nobody answers for the consumer (its node is gone, or it has no leader
            # during an election), which must not pass for "nothing more in the stream".
            self._unavailable = status == _NO_RESPONDERS
            self._complete.set()
            return
        self._received.append(msg)
        if len(self._received) >= self._wanted:
            self._complete.set()
