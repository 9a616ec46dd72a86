"""Telling an outage of the database from a fault of the code.

While PostgreSQL is down, restarting or refusing connections, a request cannot succeed now but
will later: it is answered 503 with ``Retry-After`` (clients and proxies retry), not 500.
"""

from __future__ import annotations

import asyncio

import asyncpg

RETRY_AFTER_SECONDS = 5

_OUTAGE_ERRORS: tuple[type[BaseException], ...] = (
    asyncpg.PostgresConnectionError,  # connection lost or refused by the server
    asyncpg.CannotConnectNowError,  # starting up or shutting down
    asyncpg.TooManyConnectionsError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.InterfaceError,  # the connection was closed under the query
    # A connection whose server died mid-statement is left in a state it cannot leave; the
    # pool's release then reports that, not the outage behind it.
    asyncpg.InternalClientError,
    ConnectionError,  # refused / reset at the socket
    asyncio.TimeoutError,  # no connection could be had from the pool in time
)


def is_database_outage(error: BaseException) -> bool:
    """Whether ``error`` (or what caused it) means the database is unreachable for now."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, _OUTAGE_ERRORS):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
