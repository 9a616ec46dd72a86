"""Connecting to NATS so that a service outlives any NATS outage.

Behaviour of :func:`connect_nats`:

* At start, it keeps trying every ``reconnect_wait`` seconds until a server answers (the
  call does not return before that), so a service may start before NATS does.
* Once connected, the client reconnects forever. Publishes made while disconnected wait in
  the client's buffer (2 MiB) and are sent after reconnecting; the outbox relay does not rely
  on that and publishes again what was not acknowledged in time.
* Errors, disconnections and reconnections are logged, not raised.
* Given every node of a cluster, it fails over to another when its server goes; JetStream
  answers ``503`` (or no one answers) while a stream elects a new leader. Those are
  :data:`NATS_OUTAGES`: the relay, the consumers and :func:`provision` retry them with backoff.
"""

from __future__ import annotations

import logging
from typing import Any

import nats
import nats.errors
import nats.js.errors
from nats.aio.client import Client

logger = logging.getLogger(__name__)

NATS_OUTAGES: tuple[type[Exception], ...] = (
    TimeoutError,  # nats.errors.TimeoutError is one too
    OSError,
    nats.errors.NoRespondersError,
    nats.errors.ConnectionClosedError,
    nats.errors.ConnectionReconnectingError,
    nats.errors.StaleConnectionError,
    nats.js.errors.ServiceUnavailableError,
    nats.js.errors.NoStreamResponseError,
)
"""What NATS raises while a server is away or a stream elects its leader: retry later."""


async def connect_nats(
    servers: list[str],
    name: str,
    *,
    reconnect_wait: float = 0.5,
    connect_timeout: float = 2.0,
) -> Client:
    """Connect to NATS, waiting as long as it takes, and reconnect forever afterwards.

    Args:
        servers: NATS URLs (``ServiceSettings.nats_servers``).
        name: connection name shown by the server's monitoring, e.g. ``membership-relay``.
        reconnect_wait: seconds between attempts on the same server.
        connect_timeout: seconds before one connection attempt is given up.
    """

    async def on_error(error: Exception) -> None:
        logger.warning("NATS %s: %r", name, error)

    async def on_disconnected() -> None:
        logger.warning("NATS %s: disconnected", name)

    async def on_reconnected() -> None:
        logger.info("NATS %s: reconnected", name)

    # nats-py types these two as int but sleeps and times out with floats.
    timing: dict[str, Any] = {
        "reconnect_time_wait": reconnect_wait,
        "connect_timeout": connect_timeout,
    }
    return await nats.connect(
        servers,
        name=name,
        allow_reconnect=True,
        max_reconnect_attempts=-1,
        error_cb=on_error,
        disconnected_cb=on_disconnected,
        reconnected_cb=on_reconnected,
        **timing,
    )
