"""SQL repository of union organisations, keeping the materialised path current on moves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection, insert_many, update_versioned
from shared.tracking import Changed

from membership.adapters import committees
from membership.domain import GrassrootsMode, OrganisationKind, OrganisationStatus, Term, TermDates
from membership.domain import UnionOrganisation as Org
from membership.service_layer.ports import OrganisationRepository

COLUMNS = (
    "id, kind, name, parent_id, grassroots_mode, founded_on, status, dissolved_on, "
    "term_start, term_end, chair_name, has_legal_person, version"
)
INSERT = (
    f"INSERT INTO organisations ({COLUMNS}, path) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10, $11, $12, $13, coalesce((SELECT path FROM organisations WHERE id = $4), '/') "
    "|| $1::uuid::text || '/')"
)
UPDATE = (
    "UPDATE organisations SET version = $3, kind = $4, name = $5, parent_id = $6, "
    "grassroots_mode = $7, founded_on = $8, status = $9, dissolved_on = $10, term_start = $11, "
    "term_end = $12, chair_name = $13, has_legal_person = $14, updated_at = now() "
    "WHERE id = $1 AND version = $2"
)
# Rewrites the paths of the moved node and all its descendants in one statement.
REPATH = """
WITH moved AS (SELECT path AS old_path FROM organisations WHERE id = $1),
     target AS (SELECT path AS parent_path FROM organisations WHERE id = $2)
UPDATE organisations o
   SET path = target.parent_path || $1::uuid::text || '/' || substr(o.path, length(moved.old_path) + 1)
  FROM moved, target
 WHERE o.path LIKE moved.old_path || '%'
"""


def to_organisation(row: asyncpg.Record | Mapping[str, Any]) -> Org:
    term = None
    if row["term_start"] is not None:
        term = Term(row["term_start"], row["term_end"], row["chair_name"] or "")
    return Org(
        id=row["id"],
        kind=OrganisationKind(row["kind"]),
        name=row["name"],
        parent_id=row["parent_id"],
        founded_on=row["founded_on"],
        grassroots_mode=GrassrootsMode(row["grassroots_mode"]) if row["grassroots_mode"] else None,
        has_legal_person=row["has_legal_person"],
        status=OrganisationStatus(row["status"]),
        dissolved_on=row["dissolved_on"],
        term=term,
        version=row["version"],
    )


def _values(org: Org) -> tuple[object, ...]:
    term = org.term
    return (
        org.kind.value,
        org.name,
        org.parent_id,
        org.grassroots_mode.value if org.grassroots_mode else None,
        org.founded_on,
        org.status.value,
        org.dissolved_on,
        term.starts_on if term else None,
        term.ends_on if term else None,
        term.chair_name if term else None,
        org.has_legal_person,
    )


class SqlOrganisationRepository(OrganisationRepository):
    """Organisations in the ``organisations`` table of the unit's connection."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn
        # Materialised paths read with the rows, as stored: a scope check on a loaded
        # organisation then needs no query of its own.
        self._paths: dict[UUID, str] = {}

    def reset(self) -> None:
        super().reset()
        self._paths.clear()

    def remember(self, org_id: UUID, row: Mapping[str, Any] | None, path: str | None) -> None:
        """Track an organisation read by another statement of this unit (``None``: none)."""
        if row is None or path is None:
            self.remember_missing(org_id)
            return
        self._paths[org_id] = path
        self._track(to_organisation(row))

    def remember_path(self, org_id: UUID, path: str) -> None:
        """Keep an organisation's materialised path, read by another statement of this unit."""
        self._paths[org_id] = path

    async def _get(self, aggregate_id: UUID) -> Org | None:
        row = await self.conn.fetchrow(
            f"SELECT {COLUMNS}, path FROM organisations WHERE id = $1", aggregate_id
        )
        if row is None:
            return None
        self._paths[aggregate_id] = row["path"]
        return to_organisation(row)

    async def _root(self) -> Org | None:
        row = await self.conn.fetchrow(
            f"SELECT {COLUMNS} FROM organisations WHERE parent_id IS NULL ORDER BY created_at LIMIT 1"
        )
        return to_organisation(row) if row else None

    async def _children(self, org_id: UUID) -> list[Org]:
        rows = await self.conn.fetch(
            f"SELECT {COLUMNS} FROM organisations WHERE parent_id = $1 ORDER BY name", org_id
        )
        return [to_organisation(row) for row in rows]

    async def is_within(self, org_id: UUID, root_id: UUID) -> bool:
        path = self._paths.get(org_id)
        if path is not None:
            # The path lists the ids from the root down, so membership of a segment decides.
            return f"/{root_id}/" in path
        found = await self.conn.fetchval(
            "SELECT EXISTS (SELECT 1 FROM organisations o, organisations r WHERE o.id = $1 "
            "AND r.id = $2 AND o.path LIKE r.path || '%')",
            org_id,
            root_id,
        )
        return bool(found)

    async def committee_terms(self, org_id: UUID) -> list[TermDates]:
        return await committees.terms(self.conn, org_id)

    async def path(self, org_id: UUID) -> list[UUID]:
        path = await self.conn.fetchval("SELECT path FROM organisations WHERE id = $1", org_id)
        return [UUID(part) for part in path.strip("/").split("/")] if path else []

    async def subtree_ids(self, root_id: UUID) -> list[UUID]:
        rows = await self.conn.fetch(
            "SELECT o.id FROM organisations o, organisations r WHERE r.id = $1 "
            "AND o.path LIKE r.path || '%'",
            root_id,
        )
        return [row["id"] for row in rows]

    async def _persist(self, added: Sequence[Org], changed: Sequence[Changed[Org]]) -> None:
        self._paths.clear()  # a move rewrites the paths of a whole subtree
        # Parents before children, so each new row finds its parent's path.
        for org in added:
            await insert_many(self.conn, INSERT, [(org.id, *_values(org), org.version)], "工会组织")
        for change in changed:
            org = change.aggregate
            old_parent = await self.conn.fetchval(
                "SELECT parent_id FROM organisations WHERE id = $1", org.id
            )
            await update_versioned(
                self.conn, UPDATE, [(org.id, change.loaded_version, org.version, *_values(org))]
            )
            if old_parent != org.parent_id and org.parent_id is not None:
                await self.conn.execute(REPATH, org.id, org.parent_id)
        touched = [*added, *(change.aggregate for change in changed)]
        await committees.insert(
            self.conn, [(org.id, org.committee) for org in touched if org.committee is not None]
        )
