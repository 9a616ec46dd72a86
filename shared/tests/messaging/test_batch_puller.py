"""Bulk pulls from an ephemeral consumer: whole batches, the rest, then nothing, all in order."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from nats.js import api
from nats.js.client import JetStreamContext
from nats.js.errors import ServiceUnavailableError
from shared.bus.pulling import BatchPuller


async def test_batches_come_in_stream_order_until_the_consumer_has_nothing_left(
    js: JetStreamContext, helpers: Any
) -> None:
    for number in range(7):
        await js.publish(helpers.SUBJECT, str(number).encode())
    puller = await BatchPuller.ephemeral(
        js,
        helpers.TEST_STREAM.name,
        api.ConsumerConfig(deliver_policy=api.DeliverPolicy.ALL, ack_policy=api.AckPolicy.NONE),
        timedelta(minutes=1),
    )
    try:
        batches = [[m.data for m in await puller.pull(3)] for _ in range(4)]
        await js.publish(helpers.SUBJECT, b"late")
        late = [m.data for m in await puller.pull(3)]
    finally:
        await puller.close(delete=True)

    assert batches == [[b"0", b"1", b"2"], [b"3", b"4", b"5"], [b"6"], []]
    assert late == [b"late"]
    assert await js.consumers_info(helpers.TEST_STREAM.name) == []  # deleted with the puller


async def test_a_pull_nobody_answers_is_an_error_not_an_empty_batch(
    js: JetStreamContext, helpers: Any
) -> None:
    await js.publish(helpers.SUBJECT, b"0")
    puller = await BatchPuller.ephemeral(
        js,
        helpers.TEST_STREAM.name,
        api.ConsumerConfig(deliver_policy=api.DeliverPolicy.ALL, ack_policy=api.AckPolicy.NONE),
        timedelta(minutes=1),
    )
    # As when the consumer's node dies: no one serves its pull requests any more.
    await js.delete_consumer(helpers.TEST_STREAM.name, puller._consumer)
    try:
        with pytest.raises(ServiceUnavailableError):
            await puller.pull(3)
    finally:
        await puller.close()
