"""The durable consumers: entry points driven by events, as the API is driven by requests.

``membership`` applies membership's events to the replica and runs the file rules they
trigger; ``payments`` turns each approved application into its payment order; ``referrals``
flags files (or suggests one) when a member's dispute ends or a member is placed in a job. Each runs in
the kit's consumer runner, whose batch transaction also holds the inbox rows.
"""

from __future__ import annotations

from nats.js.client import JetStreamContext
from shared.bus import ConsumerRunner, Handler

from assistance.bootstrap import Container
from assistance.config import (
    CONSUMERS,
    DISPUTES_CONSUMER,
    MEMBERSHIP_CONSUMER,
    PAYMENTS_CONSUMER,
    TRAINING_CONSUMER,
)
from assistance.entrypoints.consumers.membership import membership_event_handler
from assistance.entrypoints.consumers.payments import payment_event_handler
from assistance.entrypoints.consumers.referrals import (
    dispute_event_handler,
    training_event_handler,
)


def consumer_handlers(container: Container) -> dict[str, Handler]:
    """The handler of each durable consumer in ``config.CONSUMERS``, by durable name."""
    return {
        MEMBERSHIP_CONSUMER.durable: membership_event_handler(container.uow),
        PAYMENTS_CONSUMER.durable: payment_event_handler(container.uow),
        DISPUTES_CONSUMER.durable: dispute_event_handler(container.uow),
        TRAINING_CONSUMER.durable: training_event_handler(container.uow),
    }


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
