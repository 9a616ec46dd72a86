"""File suggestions (建档建议) in SQL: inserted once, then closed with a versioned update."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from shared.adapters import ConflictRule, Connection, insert_many, update_versioned
from shared.seedwork import Conflict
from shared.tracking import Changed

from assistance.domain.referrals.suggestion import FileSuggestion
from assistance.service_layer.referrals.ports import FileSuggestionRepository

COLUMNS = (
    "id, version, member_id, org_id, employer_id, case_id, category, ending, suggested_on,"
    " status, closed_on"
)
_INSERT = (
    f"INSERT INTO file_suggestions ({COLUMNS})"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
)
_UPDATE = (
    "UPDATE file_suggestions SET version = $3, status = $4, closed_on = $5, updated_at = now()"
    " WHERE id = $1 AND version = $2"
)
CONFLICT_RULES: Mapping[str, ConflictRule] = {
    "one_pending_suggestion_per_member": ConflictRule(
        field="member_id", error=Conflict, message="该会员已有待处理的建档建议"
    ),
}


def _row(s: FileSuggestion) -> tuple[Any, ...]:
    return (
        s.id, s.version, s.member_id, s.org_id, s.employer_id, s.case_id, s.category, s.ending,
        s.suggested_on, s.status, s.closed_on,
    )  # fmt: skip


class SqlFileSuggestionRepository(FileSuggestionRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> FileSuggestion | None:
        sql = f"SELECT {COLUMNS} FROM file_suggestions WHERE id = $1"
        row = await self._conn.fetchrow(sql, aggregate_id)
        return FileSuggestion(**dict(row)) if row else None

    async def _pending_for(self, member_id: UUID) -> list[FileSuggestion]:
        sql = (
            f"SELECT {COLUMNS} FROM file_suggestions"
            " WHERE member_id = $1 AND status = 'pending' FOR UPDATE"
        )
        return [FileSuggestion(**dict(row)) for row in await self._conn.fetch(sql, member_id)]

    async def _persist(
        self, added: Sequence[FileSuggestion], changed: Sequence[Changed[FileSuggestion]]
    ) -> None:
        if added:
            rows = [_row(s) for s in added]
            await insert_many(self._conn, _INSERT, rows, "建档建议", CONFLICT_RULES)
        updates = [
            (c.aggregate.id, c.loaded_version, c.aggregate.version, c.aggregate.status,
             c.aggregate.closed_on)
            for c in changed
        ]  # fmt: skip
        if updates:
            await update_versioned(self._conn, _UPDATE, updates)
