"""Finding personal data at rest: every text, jsonb and bytea column of every schema, searched.

Tests create a person (a name, an ID number, a mobile, an address, a note) through the public
API, then ask where each value lies in the database in clear. Only the columns a design decision
allows (docs/ARCHITECTURE.md, "Personal data") may hold one; a sealed value (AES-GCM) never
matches, so what is found is what was stored in clear.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import asyncpg

_COLUMNS_SQL = """
SELECT c.table_schema, c.table_name, c.column_name, c.data_type
  FROM information_schema.columns c
  JOIN information_schema.tables t
    ON t.table_schema = c.table_schema AND t.table_name = c.table_name
 WHERE t.table_type = 'BASE TABLE'
   AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
   AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea',
                       'ARRAY')
"""


@dataclass(frozen=True)
class Found:
    """A value found in clear: where, and which."""

    schema: str
    table: str
    column: str
    value: str

    @property
    def place(self) -> tuple[str, str, str]:
        """``(schema, table, column)``."""
        return (self.schema, self.table, self.column)


async def find_in_clear(database_url: str, values: Iterable[str]) -> list[Found]:
    """Every column holding any of ``values`` as text (or as UTF-8 bytes, in a bytea).

    Args:
        database_url: the database to search, all schemas.
        values: the personal data to look for (each at least a few characters long).
    """
    wanted = [value for value in values if value]
    conn = await asyncpg.connect(database_url)
    try:
        found: list[Found] = []
        for schema, table, column, data_type in await conn.fetch(_COLUMNS_SQL):
            found += await _search(conn, schema, table, column, data_type, wanted)
        return found
    finally:
        await conn.close()


async def _search(
    conn: asyncpg.Connection[asyncpg.Record],
    schema: str,
    table: str,
    column: str,
    data_type: str,
    wanted: list[str],
) -> list[Found]:
    target = f'"{schema}"."{table}"'
    as_text = (
        f"position(convert_to($1, 'UTF8') in \"{column}\") > 0"
        if data_type == "bytea"
        else f'strpos("{column}"::text, $1) > 0'
    )
    found = []
    for value in wanted:
        hit = await conn.fetchval(f"SELECT EXISTS (SELECT 1 FROM {target} WHERE {as_text})", value)
        if hit:
            found.append(Found(schema, table, column, value))
    return found
