"""The durable consumers: ``membership`` keeps the replica of the tree, employers and members."""

from __future__ import annotations

from nats.js.client import JetStreamContext
from shared.bus import ConsumerRunner, Handler

from disputes.bootstrap import Container
from disputes.config import CONSUMERS, MEMBERSHIP_CONSUMER
from disputes.entrypoints.consumers.membership import membership_event_handler


def consumer_handlers(container: Container) -> dict[str, Handler]:
    """The handler of each durable consumer in ``config.CONSUMERS``, by durable name."""
    return {MEMBERSHIP_CONSUMER.durable: membership_event_handler()}


def consumer_runners(container: Container, js: JetStreamContext) -> list[ConsumerRunner]:
    """A runner per durable consumer of ``config.CONSUMERS``."""
    handlers = consumer_handlers(container)
    return [
        ConsumerRunner(
            container.pool,
            js,
            spec,
            handlers[spec.durable],
            batch_size=container.settings.consumer_batch_size,
        )
        for spec in CONSUMERS
    ]
