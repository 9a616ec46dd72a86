"""The rebuild's shadow schema: migrated afresh, bulk-loaded before its secondary indexes exist.

Replaying a stream only ever looks rows up by primary or unique keys, so the other indexes
are dropped once the migrations have made them and built again, each in one pass, once the
replay is done; that is cheaper than updating every one of them at every insert. The builds
run side by side, one per pooled connection, as do the statistics refreshed afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
from shared.migrations import migrate

from reporting.config import MIGRATIONS_DIR

_SECONDARY_INDEXES_SQL = """
SELECT format('%I.%I', n.nspname, c.relname) AS name, t.relname AS table_name,
    pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND NOT i.indisunique AND NOT i.indisprimary
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY c.relname
"""


@dataclass(frozen=True)
class DeferredIndex:
    """A secondary index dropped from the shadow schema, to be built after the replay."""

    table: str
    definition: str


async def fresh_shadow(conn: asyncpg.Connection[Any], dsn: str, schema: str) -> list[DeferredIndex]:
    """Drop and migrate ``schema``, then drop its secondary indexes.

    Returns:
        The indexes that :func:`build_indexes` creates again.
    """
    await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    await migrate(dsn, schema, MIGRATIONS_DIR)
    indexes = await conn.fetch(_SECONDARY_INDEXES_SQL, schema)
    for index in indexes:
        await conn.execute(f"DROP INDEX {index['name']}")
    return [DeferredIndex(index["table_name"], index["definition"]) for index in indexes]


async def build_indexes(
    pool: asyncpg.Pool[asyncpg.Record], indexes: Sequence[DeferredIndex]
) -> None:
    """Create ``indexes``, as many at once as ``pool`` has connections."""
    await asyncio.gather(*(_execute(pool, index.definition) for index in indexes))


async def analyze(pool: asyncpg.Pool[asyncpg.Record], schema: str) -> None:
    """Refresh the planner's statistics of every table of ``schema``."""
    async with pool.acquire() as conn:
        tables = await conn.fetch(
            "SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables"
            " WHERE schemaname = $1",
            schema,
        )
    await asyncio.gather(*(_execute(pool, f"ANALYZE {table['name']}") for table in tables))


async def _execute(pool: asyncpg.Pool[asyncpg.Record], statement: str) -> None:
    async with pool.acquire() as conn:
        await conn.execute(statement)
