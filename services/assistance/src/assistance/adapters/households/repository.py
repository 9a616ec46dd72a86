"""Hardship files in SQL: the file row, its relatives and the people index.

Every write rewrites the file's ``household_people`` rows with ``open`` as the file's status
says; the partial unique index ``one_active_file_per_person`` then refuses, in whichever
transaction commits second, a person on two active files. Each of those rows also carries the
person's link, so a placement finds the open files a person is on, as head or family member.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection, conflict_for, insert_many, update_versioned
from shared.tracking import Changed

from assistance.adapters.households.constraints import CONFLICT_RULES
from assistance.domain.households.circumstances import Circumstances
from assistance.domain.households.household import Household
from assistance.domain.households.people import SealedHead, SealedRelative
from assistance.service_layer.households.ports import HouseholdRepository

_FIELDS = (
    "org_id, employer_id, head_member_id, head_name_cipher, head_id_number_index, "
    "head_id_number_cipher, head_phone_cipher, head_address_cipher, level, causes, "
    "monthly_income_per_capita_fen, temporary, status, created_on, filed_on, last_verified_on, "
    "closed_on, close_reason, return_note, flags, head_person_link"
)
COLUMNS = f"id, version, {_FIELDS}"
_INSERT = (
    f"INSERT INTO households ({COLUMNS}) VALUES "
    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, "
    "$20, $21, $22, $23)"
)
_SETS = ", ".join(f"{name.strip()} = ${i + 4}" for i, name in enumerate(_FIELDS.split(",")))
_UPDATE = f"UPDATE households SET version = $3, updated_at = now(), {_SETS} WHERE id = $1 AND version = $2"
_OPEN = "status IN ('draft', 'submitted', 'returned', 'filed')"
RELATIVE_COLUMNS = (
    "household_id, relation, name_cipher, id_number_index, id_number_cipher, person_link"
)
"""What a file's relatives are rebuilt from (the repository and the read views)."""


def _values(h: Household) -> tuple[Any, ...]:
    c, head = h.circumstances, h.head
    return (
        h.org_id,
        h.employer_id,
        head.member_id,
        head.name_cipher,
        head.id_number_index,
        head.id_number_cipher,
        head.phone_cipher,
        head.address_cipher,
        c.level,
        list(c.causes),
        c.monthly_income_per_capita_fen,
        c.temporary,
        h.status,
        h.created_on,
        h.filed_on,
        h.last_verified_on,
        h.closed_on,
        h.close_reason,
        h.return_note,
        sorted(h.flags),
        head.person_link,
    )


def household_from_rows(row: asyncpg.Record, relatives: Sequence[asyncpg.Record]) -> Household:
    """Rebuild a file from its row and its relatives' rows (in position order)."""
    return Household(
        id=row["id"],
        org_id=row["org_id"],
        employer_id=row["employer_id"],
        head=SealedHead(
            member_id=row["head_member_id"],
            name_cipher=row["head_name_cipher"],
            id_number_index=row["head_id_number_index"],
            id_number_cipher=row["head_id_number_cipher"],
            phone_cipher=row["head_phone_cipher"],
            address_cipher=row["head_address_cipher"],
            person_link=row["head_person_link"],
        ),
        family=tuple(
            SealedRelative(
                relation=r["relation"],
                name_cipher=r["name_cipher"],
                id_number_index=r["id_number_index"],
                id_number_cipher=r["id_number_cipher"],
                person_link=r["person_link"],
            )
            for r in relatives
        ),
        circumstances=Circumstances(
            level=row["level"],
            causes=tuple(row["causes"]),
            monthly_income_per_capita_fen=row["monthly_income_per_capita_fen"],
            temporary=row["temporary"],
        ),
        status=row["status"],
        created_on=row["created_on"],
        filed_on=row["filed_on"],
        last_verified_on=row["last_verified_on"],
        closed_on=row["closed_on"],
        close_reason=row["close_reason"],
        return_note=row["return_note"],
        flags=frozenset(row["flags"]),
        version=row["version"],
    )


class SqlHouseholdRepository(HouseholdRepository):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn

    async def open_file_of(self, id_number_index: str) -> UUID | None:
        for tracked in self.seen:
            if tracked.is_open and id_number_index in _people(tracked):
                return tracked.id
        found = await self._conn.fetchval(
            "SELECT household_id FROM household_people WHERE id_number_index = $1 AND open",
            id_number_index,
        )
        return UUID(str(found)) if found is not None else None

    async def _get(self, aggregate_id: UUID) -> Household | None:
        found = await self._load(f"SELECT {COLUMNS} FROM households WHERE id = $1", aggregate_id)
        return found[0] if found else None

    async def _open_files_headed_by(self, member_id: UUID) -> list[Household]:
        sql = f"SELECT {COLUMNS} FROM households WHERE head_member_id = $1 AND {_OPEN} FOR UPDATE"
        return await self._load(sql, member_id)

    async def _open_files_of_person(
        self, member_id: UUID | None, person_link: str | None
    ) -> list[Household]:
        sql = (
            f"SELECT {COLUMNS} FROM households WHERE {_OPEN} AND (head_member_id = $1 OR id IN"
            " (SELECT household_id FROM household_people WHERE person_link = $2 AND open))"
            " ORDER BY id FOR UPDATE"
        )
        return await self._load(sql, member_id, person_link)

    async def _overdue(self, reviewed_before: date, limit: int) -> list[Household]:
        sql = (
            f"SELECT {COLUMNS} FROM households WHERE status = 'filed' AND last_verified_on < $1"
            " AND NOT ('not_reviewed_12_months' = ANY(flags))"
            " ORDER BY last_verified_on, id LIMIT $2 FOR UPDATE SKIP LOCKED"
        )
        return await self._load(sql, reviewed_before, limit)

    async def _load(self, sql: str, *args: Any) -> list[Household]:
        rows = await self._conn.fetch(sql, *args)
        if not rows:
            return []
        relatives = await self._conn.fetch(
            f"SELECT {RELATIVE_COLUMNS}"
            " FROM household_relatives WHERE household_id = ANY($1::uuid[])"
            " ORDER BY household_id, position",
            [row["id"] for row in rows],
        )
        by_household: dict[UUID, list[asyncpg.Record]] = {}
        for relative in relatives:
            by_household.setdefault(relative["household_id"], []).append(relative)
        return [household_from_rows(row, by_household.get(row["id"], [])) for row in rows]

    async def _persist(
        self, added: Sequence[Household], changed: Sequence[Changed[Household]]
    ) -> None:
        if added:
            rows = [(h.id, h.version, *_values(h)) for h in added]
            await insert_many(self._conn, _INSERT, rows, "困难档案", CONFLICT_RULES)
        if changed:
            updates = [
                (c.aggregate.id, c.loaded_version, c.aggregate.version, *_values(c.aggregate))
                for c in changed
            ]
            await update_versioned(self._conn, _UPDATE, updates, CONFLICT_RULES)
        written = [*added, *(c.aggregate for c in changed)]
        await self._write_people(written, replace=bool(changed))

    async def _write_people(self, households: Sequence[Household], *, replace: bool) -> None:
        ids = [h.id for h in households]
        if replace:
            await self._conn.execute(
                "DELETE FROM household_relatives WHERE household_id = ANY($1::uuid[])", ids
            )
            await self._conn.execute(
                "DELETE FROM household_people WHERE household_id = ANY($1::uuid[])", ids
            )
        relatives = [
            (h.id, i, r.relation, r.name_cipher, r.id_number_index, r.id_number_cipher,
             r.person_link)
            for h in households
            for i, r in enumerate(h.family)
        ]  # fmt: skip
        if relatives:
            await self._conn.executemany(
                "INSERT INTO household_relatives (household_id, position, relation, name_cipher,"
                " id_number_index, id_number_cipher, person_link)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                relatives,
            )
        people = [(h.id, index, h.is_open, link) for h in households for index, link in _linked(h)]
        try:
            await self._conn.executemany(
                "INSERT INTO household_people (household_id, id_number_index, open, person_link)"
                " VALUES ($1, $2, $3, $4)",
                people,
            )
        except asyncpg.UniqueViolationError as error:
            raise conflict_for(error, "与现有档案冲突", CONFLICT_RULES) from None


def _people(household: Household) -> list[str]:
    return [index for index, _ in _linked(household)]


def _linked(household: Household) -> list[tuple[str, str | None]]:
    """Everyone on the file with an ID number: blind index and person link."""
    head = household.head
    relatives = [
        (r.id_number_index, r.person_link)
        for r in household.family
        if r.id_number_index is not None
    ]
    return [(head.id_number_index, head.person_link), *relatives]
