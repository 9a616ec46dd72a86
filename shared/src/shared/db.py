"""asyncpg pool creation with JSON codecs and the service's schema on the search path."""

from __future__ import annotations

from typing import Any

import asyncpg
import orjson

from shared.pool_queue import make_fair


async def _init_connection(conn: asyncpg.Connection[Any]) -> None:
    for typ in ("json", "jsonb"):
        await conn.set_type_codec(
            typ,
            encoder=lambda value: orjson.dumps(value).decode(),
            decoder=orjson.loads,
            schema="pg_catalog",
        )


async def _keep_session(conn: asyncpg.Connection[Any]) -> None:
    """Release without a reset query: asyncpg has rolled back any open transaction and
    dropped the listener callbacks already, which is all a stateless pool needs."""


async def create_pool(
    dsn: str,
    schema: str,
    *,
    min_size: int = 2,
    max_size: int = 10,
    stateless: bool = False,
) -> asyncpg.Pool[asyncpg.Record]:
    """Open a pool whose connections see ``schema`` first and decode JSON into Python values.

    Waiting acquirers are served first come, first served (:mod:`shared.pool_queue`).

    Args:
        dsn: PostgreSQL DSN.
        schema: the service's own schema (it never reads another service's).
        min_size: connections opened up front.
        max_size: most connections at once.
        stateless: the pool's users leave no session state behind (no session ``SET``, no
            session advisory lock, no holdable cursor), so a released connection is handed
            out again without asyncpg's reset query (``RESET ALL``, ``UNLISTEN *`` …, one round
            trip per release). An open transaction is still rolled back; a ``LISTEN`` left
            behind only delivers notifications no callback receives.
    """
    pool = await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        reset=_keep_session if stateless else None,
        server_settings={"search_path": f"{schema},public", "application_name": schema},
    )
    assert pool is not None
    make_fair(pool)
    return pool


async def connect(dsn: str, schema: str) -> asyncpg.Connection[asyncpg.Record]:
    """One connection configured like the pool's (for LISTEN and for migrations)."""
    conn: asyncpg.Connection[asyncpg.Record] = await asyncpg.connect(
        dsn, server_settings={"search_path": f"{schema},public", "application_name": schema}
    )
    await _init_connection(conn)
    return conn
