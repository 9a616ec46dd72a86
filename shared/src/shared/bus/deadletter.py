"""The dead-letter stream: where messages that can never be applied are kept for operators.

A dead letter is the original payload and headers, published on
``deadletter.<consumer>.<original subject>`` with headers saying why and from where; the
original message is then terminated so the consumer moves on. The reason header is one line
with non-ASCII characters percent-encoded as UTF-8 (read it with ``urllib.parse.unquote``).
"""

from __future__ import annotations

import string
from urllib.parse import quote

from nats.aio.msg import Msg
from nats.js.client import JetStreamContext

from shared.metrics import DEAD_LETTERS

DEAD_LETTER_PREFIX = "deadletter"
REASON_HEADER = "UnionHub-Dead-Letter-Reason"
CONSUMER_HEADER = "UnionHub-Dead-Letter-Consumer"
ORIGINAL_SUBJECT_HEADER = "UnionHub-Original-Subject"
ORIGINAL_STREAM_HEADER = "UnionHub-Original-Stream"
ORIGINAL_SEQUENCE_HEADER = "UnionHub-Original-Sequence"
DELIVERIES_HEADER = "UnionHub-Deliveries"
MAX_REASON_LENGTH = 1000
_HEADER_SAFE = "".join(c for c in string.printable if c not in "%\r\n\t\x0b\x0c")


def dead_letter_subject(consumer: str, subject: str) -> str:
    """The subject a message of ``subject`` is dead-lettered on by ``consumer``."""
    return f"{DEAD_LETTER_PREFIX}.{consumer}.{subject}"


async def dead_letter(js: JetStreamContext, msg: Msg, consumer: str, reason: str) -> None:
    """Copy ``msg`` to the dead-letter stream with ``reason``, then terminate it.

    The copy's ``Nats-Msg-Id`` names the original stream position, so a retry after a lost
    ack does not store it twice.

    Args:
        js: JetStream context (the ``DEADLETTER`` stream must exist).
        msg: the JetStream message that can never be applied.
        consumer: the durable consumer giving up on it.
        reason: why, for the operator (kept to one line).

    Raises:
        nats.errors.Error, TimeoutError: the copy was not stored; the message was not terminated.
    """
    metadata = msg.metadata
    headers = dict(msg.headers or {})
    headers.update(
        {
            "Nats-Msg-Id": f"{consumer}.{metadata.stream}.{metadata.sequence.stream}",
            REASON_HEADER: _one_line(reason),
            CONSUMER_HEADER: consumer,
            ORIGINAL_SUBJECT_HEADER: msg.subject,
            ORIGINAL_STREAM_HEADER: metadata.stream,
            ORIGINAL_SEQUENCE_HEADER: str(metadata.sequence.stream),
            DELIVERIES_HEADER: str(metadata.num_delivered),
        }
    )
    await js.publish(dead_letter_subject(consumer, msg.subject), msg.data, headers=headers)
    await msg.term()
    DEAD_LETTERS.labels(consumer=consumer).inc()


def _one_line(reason: str) -> str:
    # A header ends at CR/LF, and clients parse non-ASCII header values inconsistently.
    flat = " ".join(reason.split())[:MAX_REASON_LENGTH] or "unspecified"
    return quote(flat, safe=_HEADER_SAFE)
