"""Visits in SQL: inserted once, never updated."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from shared.adapters import Connection, insert_many
from shared.tracking import Changed

from assistance.domain.visits.visit import Visit
from assistance.service_layer.visits.ports import VisitRepository

_COLUMNS = (
    "id, org_id, household_id, member_id, employer_id, occasion, visited_on, note_cipher, "
    "recorded_by, version"
)
_INSERT = f"INSERT INTO visits ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"


class SqlVisitRepository(VisitRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Visit | None:
        row = await self._conn.fetchrow(
            f"SELECT {_COLUMNS} FROM visits WHERE id = $1", aggregate_id
        )
        return Visit(**dict(row)) if row else None

    async def _persist(self, added: Sequence[Visit], changed: Sequence[Changed[Visit]]) -> None:
        if changed:
            raise ValueError("visits are never changed once recorded")
        rows = [
            (
                v.id,
                v.org_id,
                v.household_id,
                v.member_id,
                v.employer_id,
                v.occasion,
                v.visited_on,
                v.note_cipher,
                v.recorded_by,
                v.version,
            )
            for v in added
        ]
        await insert_many(self._conn, _INSERT, rows, "走访记录")
