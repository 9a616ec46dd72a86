"""NATS JetStream: connection, streams, consumers, the consumer runner, the dead-letter stream."""

from shared.bus.applying import BatchApplier, BatchHandler, Handler
from shared.bus.connection import connect_nats
from shared.bus.consumer import ConsumerRunner
from shared.bus.deadletter import (
    DEAD_LETTER_PREFIX,
    REASON_HEADER,
    dead_letter,
    dead_letter_subject,
)
from shared.bus.delivery import PoisonMessage
from shared.bus.streams import (
    ASSISTANCE_STREAM,
    DEAD_LETTER_STREAM,
    DISPUTES_STREAM,
    MEMBERSHIP_STREAM,
    SERVICE_STREAMS,
    TRAINING_STREAM,
    ConsumerSpec,
    StreamSpec,
    provision,
)

__all__ = [
    "ASSISTANCE_STREAM",
    "DEAD_LETTER_PREFIX",
    "DEAD_LETTER_STREAM",
    "DISPUTES_STREAM",
    "MEMBERSHIP_STREAM",
    "REASON_HEADER",
    "SERVICE_STREAMS",
    "TRAINING_STREAM",
    "BatchApplier",
    "BatchHandler",
    "ConsumerRunner",
    "ConsumerSpec",
    "Handler",
    "PoisonMessage",
    "StreamSpec",
    "connect_nats",
    "dead_letter",
    "dead_letter_subject",
    "provision",
]
