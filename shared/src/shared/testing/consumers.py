"""Running a consumer in tests until its stream is really drained."""

from __future__ import annotations

import asyncio

from nats.js.client import JetStreamContext

from shared.bus import ConsumerRunner, ConsumerSpec


async def drain(
    runner: ConsumerRunner, js: JetStreamContext, spec: ConsumerSpec, *, patience: float = 30.0
) -> int:
    """Process batches until the server has nothing pending or unacknowledged for ``spec``.

    An empty fetch alone proves nothing on a loaded machine (the fetch may time out first, or a
    nak'ed message may be waiting for its redelivery), so the consumer's state is asked.

    Args:
        runner: the runner of the durable consumer ``spec``.
        js: JetStream context.
        spec: the consumer the runner reads.
        patience: seconds after which the drain gives up.

    Returns:
        The number of messages processed.

    Raises:
        AssertionError: messages were still pending after ``patience`` seconds.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    total = 0
    while loop.time() < deadline:
        processed = await runner.process_batch()
        total += processed
        if not processed:
            info = await js.consumer_info(spec.stream, spec.durable)
            if info.num_pending == 0 and info.num_ack_pending == 0:
                return total
    raise AssertionError(f"consumer {spec.durable} still had messages after {patience} s")
