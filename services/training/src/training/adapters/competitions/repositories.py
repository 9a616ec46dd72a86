"""Competitions and entries in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from shared.adapters import Connection, insert_many, update_versioned
from shared.tracking import Changed

from training.domain.competitions.competition import Competition, Entry, Trade
from training.service_layer.competitions.ports import CompetitionRepository, EntryRepository


class SqlCompetitionRepository(CompetitionRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Competition | None:
        row = await self._conn.fetchrow(
            "SELECT id, org_id, title, held_on, trades, version FROM competitions WHERE id = $1",
            aggregate_id,
        )
        if row is None:
            return None
        fields = dict(row)
        trades = fields.pop("trades")
        fields["trades"] = tuple(Trade(t["name"], tuple(t["items"])) for t in trades)
        return Competition(**fields)

    async def _persist(
        self, added: Sequence[Competition], changed: Sequence[Changed[Competition]]
    ) -> None:
        if changed:
            raise ValueError("competitions are not changed once announced")
        rows = [
            (c.id, c.org_id, c.title, c.held_on,
             [{"name": t.name, "items": list(t.items)} for t in c.trades],
             c.version)
            for c in added
        ]  # fmt: skip
        sql = (
            "INSERT INTO competitions (id, org_id, title, held_on, trades, version)"
            " VALUES ($1, $2, $3, $4, $5::jsonb, $6)"
        )
        await insert_many(self._conn, sql, rows, "竞赛")


_ENTRY = "id, competition_id, org_id, trade, person_id, member_id, entered_on, score, rank, version"


class SqlEntryRepository(EntryRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Entry | None:
        row = await self._conn.fetchrow(
            f"SELECT {_ENTRY} FROM competition_entries WHERE id = $1", aggregate_id
        )
        return Entry(**dict(row)) if row else None

    async def has_entry(self, competition_id: UUID, trade: str, person_id: UUID) -> bool:
        found = await self._conn.fetchval(
            "SELECT 1 FROM competition_entries WHERE competition_id = $1 AND trade = $2"
            " AND person_id = $3",
            competition_id,
            trade,
            person_id,
        )
        return found is not None

    async def _persist(self, added: Sequence[Entry], changed: Sequence[Changed[Entry]]) -> None:
        rows = [
            (e.id, e.competition_id, e.org_id, e.trade, e.person_id, e.member_id, e.entered_on,
             e.score, e.rank, e.version)
            for e in added
        ]  # fmt: skip
        sql = (
            f"INSERT INTO competition_entries ({_ENTRY})"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        )
        await insert_many(self._conn, sql, rows, "参赛记录")
        await update_versioned(
            self._conn,
            "UPDATE competition_entries SET score = $3, rank = $4, version = $5"
            " WHERE id = $1 AND version = $2",
            [(c.aggregate.id, c.loaded_version, c.aggregate.score, c.aggregate.rank,
              c.aggregate.version) for c in changed],
        )  # fmt: skip
