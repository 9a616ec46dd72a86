"""A plain-SQL migration runner, one schema per service.

Migrations are ``NNN_name.sql`` files applied in order with the service's schema on the
search path, each in its own transaction, recorded in ``<schema>.schema_migrations``. The
platform kit's own tables (outbox, inbox, idempotency) come first, from ``shared/sql``, under
the namespace ``kit``; a service's files follow under the namespace ``service``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from shared.db import connect

KIT_SQL = Path(__file__).parent / "sql"


@dataclass(frozen=True)
class Migration:
    """One SQL file to apply."""

    namespace: str
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations(service_dir: Path) -> list[Migration]:
    """The kit's migrations followed by those in ``service_dir``, each group sorted by name."""
    found: list[Migration] = []
    for namespace, folder in (("kit", KIT_SQL), ("service", service_dir)):
        for path in sorted(folder.glob("*.sql")):
            found.append(Migration(namespace, path.name, path.read_text(encoding="utf-8")))
    return found


async def migrate(dsn: str, schema: str, service_dir: Path) -> list[str]:
    """Apply pending migrations idempotently; return the names applied now.

    An advisory lock keyed on the schema makes concurrent starts (several replicas) safe.

    Raises:
        RuntimeError: an applied migration's file has changed since.
    """
    conn = await connect(dsn, schema)
    applied_now: list[str] = []
    try:
        await conn.execute("SELECT pg_advisory_lock(hashtext($1))", f"migrate:{schema}")
        # Only when missing: CREATE SCHEMA checks the database's CREATE privilege even with
        # IF NOT EXISTS, and a service's role owns its schema without holding that privilege.
        if not await conn.fetchval("SELECT 1 FROM pg_namespace WHERE nspname = $1", schema):
            await conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        await conn.execute(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                   namespace text NOT NULL, name text NOT NULL, checksum text NOT NULL,
                   applied_at timestamptz NOT NULL DEFAULT now(),
                   PRIMARY KEY (namespace, name))"""
        )
        done = {
            (r["namespace"], r["name"]): r["checksum"]
            for r in await conn.fetch("SELECT namespace, name, checksum FROM schema_migrations")
        }
        for migration in load_migrations(service_dir):
            await _apply(conn, migration, done, applied_now)
    finally:
        await conn.execute("SELECT pg_advisory_unlock(hashtext($1))", f"migrate:{schema}")
        await conn.close()
    return applied_now


async def _apply(
    conn: asyncpg.Connection[asyncpg.Record],
    migration: Migration,
    done: dict[tuple[str, str], str],
    applied_now: list[str],
) -> None:
    key = (migration.namespace, migration.name)
    if key in done:
        if done[key] != migration.checksum:
            raise RuntimeError(
                f"migration {migration.namespace}/{migration.name} changed after it was applied"
            )
        return
    async with conn.transaction():
        await conn.execute(migration.sql)
        await conn.execute(
            "INSERT INTO schema_migrations (namespace, name, checksum) VALUES ($1, $2, $3)",
            migration.namespace,
            migration.name,
            migration.checksum,
        )
    applied_now.append(f"{migration.namespace}/{migration.name}")
