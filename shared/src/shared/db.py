"""asyncpg pool creation with JSON codecs and the service's schema on the search path."""

from __future__ import annotations

from typing import Any

import asyncpg
import orjson


async def _init_connection(conn: asyncpg.Connection[Any]) -> None:
    for typ in ("json", "jsonb"):
        await conn.set_type_codec(
            typ,
            encoder=lambda value: orjson.dumps(value).decode(),
            decoder=orjson.loads,
            schema="pg_catalog",
        )


async def create_pool(
    dsn: str, schema: str, *, min_size: int = 2, max_size: int = 10
) -> asyncpg.Pool[asyncpg.Record]:
    """Open a pool whose connections see ``schema`` first and decode JSON into Python values.

    Args:
        dsn: PostgreSQL DSN.
        schema: the service's own schema (it never reads another service's).
        min_size: connections opened up front.
        max_size: most connections at once.
    """
    pool = await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        server_settings={"search_path": f"{schema},public", "application_name": schema},
    )
    assert pool is not None
    return pool


async def connect(dsn: str, schema: str) -> asyncpg.Connection[asyncpg.Record]:
    """One connection configured like the pool's (for LISTEN and for migrations)."""
    conn: asyncpg.Connection[asyncpg.Record] = await asyncpg.connect(
        dsn, server_settings={"search_path": f"{schema},public", "application_name": schema}
    )
    await _init_connection(conn)
    return conn
