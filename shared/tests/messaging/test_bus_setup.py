"""Connecting to NATS and provisioning streams and consumers."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from nats.aio.client import Client
from shared.bus import (
    DEAD_LETTER_STREAM,
    MEMBERSHIP_STREAM,
    SERVICE_STREAMS,
    ConsumerSpec,
    StreamSpec,
    connect_nats,
    provision,
)
from shared.devstack import NatsServer


async def test_connect_waits_for_a_server_that_starts_late(private_nats: NatsServer) -> None:
    await asyncio.to_thread(private_nats.stop)
    connecting = asyncio.create_task(connect_nats([private_nats.url], "late-start-test"))
    await asyncio.sleep(1.0)
    assert not connecting.done()

    await asyncio.to_thread(private_nats.start)
    nc = await asyncio.wait_for(connecting, 15)
    try:
        assert nc.is_connected
        assert (await nc.jetstream().account_info()).streams == 0
    finally:
        await nc.close()


async def test_provision_is_idempotent_and_applies_changes(nc: Client) -> None:
    js = nc.jetstream()
    consumer = ConsumerSpec("MEMBERSHIP", "reporting-members", ["membership.member.>"])
    await provision(js, [MEMBERSHIP_STREAM, DEAD_LETTER_STREAM], [consumer])
    await provision(js, [MEMBERSHIP_STREAM, DEAD_LETTER_STREAM], [consumer])

    wider = StreamSpec("MEMBERSHIP", ["membership.>"], duplicate_window=timedelta(minutes=5))
    refiltered = ConsumerSpec("MEMBERSHIP", "reporting-members", ["membership.>"], ack_wait=10)
    await provision(js, [wider], [refiltered])

    stream = await js.stream_info("MEMBERSHIP")
    assert stream.config.subjects == ["membership.>"]
    assert stream.config.duplicate_window == 300
    info = await js.consumer_info("MEMBERSHIP", "reporting-members")
    assert info.config.filter_subjects == ["membership.>"]
    assert info.config.ack_wait == 10
    assert info.config.max_deliver == -1  # the runner dead-letters at ConsumerSpec.max_deliver
    assert len(await js.streams_info()) == 2
    assert SERVICE_STREAMS["membership"] is MEMBERSHIP_STREAM


def test_nak_delays_follow_the_backoff_and_repeat_its_last_step() -> None:
    spec = ConsumerSpec("S", "d", ["s.>"], backoff=[1.0, 5.0])
    assert [spec.nak_delay(n) for n in (1, 2, 3, 9)] == [1.0, 5.0, 5.0, 5.0]
    assert ConsumerSpec("S", "d", ["s.>"], backoff=[]).nak_delay(1) is None


async def test_the_settings_replica_count_overrides_the_specs(nc: Client) -> None:
    # A spec asking for 3 copies cannot be placed on one server; the override makes it fit.
    three = StreamSpec("REPLICATED", ["replicated.>"], replicas=3)
    js = nc.jetstream()
    await provision(js, [three], replicas=1)
    info = await js.stream_info("REPLICATED")
    assert info.config.num_replicas == 1
    await js.delete_stream("REPLICATED")
