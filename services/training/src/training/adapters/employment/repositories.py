"""Seekers, postings, fairs and placements in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg
from shared.adapters import Connection, insert_many, update_versioned
from shared.tracking import Changed

from training.domain.codes import PlacementChannel, SeekerStatus
from training.domain.employment.fair import Fair, FairEmployer
from training.domain.employment.placement import Placement
from training.domain.employment.seeker import Posting, Seeker
from training.service_layer.employment import ports

_SEEKER = (
    "id, org_id, person_id, member_id, status, wanted_occupation, registered_on, placed, version"
)


def _seeker(row: asyncpg.Record) -> Seeker:
    fields = dict(row)
    fields["status"] = SeekerStatus(fields["status"])
    return Seeker(**fields)


class SqlSeekerRepository(ports.SeekerRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Seeker | None:
        row = await self._conn.fetchrow(
            f"SELECT {_SEEKER} FROM seekers WHERE id = $1", aggregate_id
        )
        return _seeker(row) if row else None

    async def lock(self, seeker_id: UUID) -> Seeker | None:
        row = await self._conn.fetchrow(
            f"SELECT {_SEEKER} FROM seekers WHERE id = $1 FOR UPDATE", seeker_id
        )
        return self._track(_seeker(row)) if row else None

    async def _persist(self, added: Sequence[Seeker], changed: Sequence[Changed[Seeker]]) -> None:
        rows = [
            (s.id, s.org_id, s.person_id, s.member_id, s.status, s.wanted_occupation,
             s.registered_on, s.placed, s.version)
            for s in added
        ]  # fmt: skip
        sql = f"INSERT INTO seekers ({_SEEKER}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        await insert_many(self._conn, sql, rows, "求职登记")
        await update_versioned(
            self._conn,
            "UPDATE seekers SET placed = $3, version = $4 WHERE id = $1 AND version = $2",
            [(c.aggregate.id, c.loaded_version, c.aggregate.placed, c.aggregate.version)
             for c in changed],
        )  # fmt: skip


_POSTING = (
    "id, org_id, employer_id, employer_name, title, occupation, positions, published_on, version"
)


class SqlPostingRepository(ports.PostingRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Posting | None:
        row = await self._conn.fetchrow(
            f"SELECT {_POSTING} FROM postings WHERE id = $1", aggregate_id
        )
        return Posting(**dict(row)) if row else None

    async def _persist(self, added: Sequence[Posting], changed: Sequence[Changed[Posting]]) -> None:
        if changed:
            raise ValueError("postings are never changed once published")
        rows = [
            (p.id, p.org_id, p.employer_id, p.employer_name, p.title, p.occupation, p.positions,
             p.published_on, p.version)
            for p in added
        ]  # fmt: skip
        sql = f"INSERT INTO postings ({_POSTING}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        await insert_many(self._conn, sql, rows, "招聘信息")


_FAIR = "id, org_id, title, venue, held_on, employers, registered_seekers, seekers_counted, version"


def _fair(row: asyncpg.Record) -> Fair:
    fields = dict(row)
    employers = fields.pop("employers")
    fields["employers"] = [
        FairEmployer(UUID(e["employer_id"]) if e["employer_id"] else None, e["employer_name"],
                     e["positions"])
        for e in employers
    ]  # fmt: skip
    return Fair(**fields)


def _employers(fair: Fair) -> list[dict[str, object]]:
    return [
        {"employer_id": str(e.employer_id) if e.employer_id else None,
         "employer_name": e.employer_name, "positions": e.positions}
        for e in fair.employers
    ]  # fmt: skip


class SqlFairRepository(ports.FairRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Fair | None:
        row = await self._conn.fetchrow(f"SELECT {_FAIR} FROM fairs WHERE id = $1", aggregate_id)
        return _fair(row) if row else None

    async def lock(self, fair_id: UUID) -> Fair | None:
        row = await self._conn.fetchrow(
            f"SELECT {_FAIR} FROM fairs WHERE id = $1 FOR UPDATE", fair_id
        )
        return self._track(_fair(row)) if row else None

    async def _persist(self, added: Sequence[Fair], changed: Sequence[Changed[Fair]]) -> None:
        rows = [
            (f.id, f.org_id, f.title, f.venue, f.held_on, _employers(f), f.registered_seekers,
             f.seekers_counted, f.version)
            for f in added
        ]  # fmt: skip
        sql = f"INSERT INTO fairs ({_FAIR}) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)"
        await insert_many(self._conn, sql, rows, "招聘会")
        await update_versioned(
            self._conn,
            "UPDATE fairs SET employers = $3::jsonb, registered_seekers = $4,"
            " seekers_counted = $5, version = $6 WHERE id = $1 AND version = $2",
            [
                (c.aggregate.id, c.loaded_version, _employers(c.aggregate),
                 c.aggregate.registered_seekers, c.aggregate.seekers_counted, c.aggregate.version)
                for c in changed
            ],
        )  # fmt: skip


class SqlFairSeekers(ports.FairSeekers):
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def add(self, fair_id: UUID, seeker_id: UUID) -> bool:
        added = await self._conn.fetchval(
            "INSERT INTO fair_seekers (fair_id, seeker_id) VALUES ($1, $2)"
            " ON CONFLICT DO NOTHING RETURNING 1",
            fair_id,
            seeker_id,
        )
        return added is not None


_PLACEMENT = (
    "id, seeker_id, org_id, person_id, member_id, employer_id, employer_name, channel, fair_id,"
    " posting_id, reemployment, placed_on, entered_by, version"
)


def _placement(row: asyncpg.Record) -> Placement:
    fields = dict(row)
    three, six = fields.pop("follow_up_3"), fields.pop("follow_up_6")
    fields["channel"] = PlacementChannel(fields["channel"])
    follow_ups = {m: v for m, v in ((3, three), (6, six)) if v is not None}
    return Placement(**fields, follow_ups=follow_ups)


class SqlPlacementRepository(ports.PlacementRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def _get(self, aggregate_id: UUID) -> Placement | None:
        row = await self._conn.fetchrow(
            f"SELECT {_PLACEMENT}, follow_up_3, follow_up_6 FROM placements WHERE id = $1",
            aggregate_id,
        )
        return _placement(row) if row else None

    async def _persist(
        self, added: Sequence[Placement], changed: Sequence[Changed[Placement]]
    ) -> None:
        rows = [
            (p.id, p.seeker_id, p.org_id, p.person_id, p.member_id, p.employer_id,
             p.employer_name, p.channel, p.fair_id, p.posting_id, p.reemployment, p.placed_on,
             p.entered_by, p.version)
            for p in added
        ]  # fmt: skip
        placeholders = ", ".join(f"${i}" for i in range(1, 15))
        sql = f"INSERT INTO placements ({_PLACEMENT}) VALUES ({placeholders})"
        await insert_many(self._conn, sql, rows, "就业记录")
        await update_versioned(
            self._conn,
            "UPDATE placements SET follow_up_3 = $3, follow_up_6 = $4, version = $5"
            " WHERE id = $1 AND version = $2",
            [
                (c.aggregate.id, c.loaded_version, c.aggregate.follow_ups.get(3),
                 c.aggregate.follow_ups.get(6), c.aggregate.version)
                for c in changed
            ],
        )  # fmt: skip
