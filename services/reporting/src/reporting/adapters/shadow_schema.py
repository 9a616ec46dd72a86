"""The rebuild's shadow schema: migrated afresh, bulk-loaded before its secondary indexes exist.

Replaying a stream only ever looks rows up by primary or unique keys, so the other indexes
are dropped once the migrations have made them and built again, each in one pass, once the
replay is done; that is cheaper than updating every one of them at every insert.
"""

from __future__ import annotations

from typing import Any

import asyncpg
from shared.migrations import migrate

from reporting.config import MIGRATIONS_DIR

_SECONDARY_INDEXES_SQL = """
SELECT format('%I.%I', n.nspname, c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND NOT i.indisunique AND NOT i.indisprimary
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY c.relname
"""


async def fresh_shadow(conn: asyncpg.Connection[Any], dsn: str, schema: str) -> list[str]:
    """Drop and migrate ``schema``, then drop its secondary indexes.

    Returns:
        The definitions that :func:`build_indexes` creates the dropped indexes from.
    """
    await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    await migrate(dsn, schema, MIGRATIONS_DIR)
    indexes = await conn.fetch(_SECONDARY_INDEXES_SQL, schema)
    for index in indexes:
        await conn.execute(f"DROP INDEX {index['name']}")
    return [index["definition"] for index in indexes]


async def build_indexes(conn: asyncpg.Connection[Any], schema: str, definitions: list[str]) -> None:
    """Create the deferred indexes and refresh the planner's statistics of ``schema``."""
    for definition in definitions:
        await conn.execute(definition)
    tables = await conn.fetch(
        "SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables"
        " WHERE schemaname = $1",
        schema,
    )
    for table in tables:
        await conn.execute(f"ANALYZE {table['name']}")
