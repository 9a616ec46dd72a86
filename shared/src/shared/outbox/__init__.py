"""The transactional outbox: write events with the business rows, relay them to JetStream.

Typical use in a unit of work::

    async with conn.transaction():
        await members.add(conn, member)
        await append_to_outbox(conn, "membership", [PendingEvent(event, member_id, version)])

and, in the service process, ``await OutboxRelay(pool, "membership", lambda: js).run(stop)``.
"""

from shared.outbox.bulk import BulkEnvelopes
from shared.outbox.relay import JetStreamProvider, OutboxPublishError, OutboxRelay
from shared.outbox.unit import UnitTransaction
from shared.outbox.writer import (
    OUTBOX_CHANNEL,
    OutboxInsert,
    PendingEvent,
    append_to_outbox,
    outbox_insert_cte,
    to_cloud_event,
)

__all__ = [
    "OUTBOX_CHANNEL",
    "BulkEnvelopes",
    "JetStreamProvider",
    "OutboxInsert",
    "OutboxPublishError",
    "OutboxRelay",
    "PendingEvent",
    "UnitTransaction",
    "append_to_outbox",
    "outbox_insert_cte",
    "to_cloud_event",
]
