"""The people register in SQL: one row per blind index, written in one statement."""

from __future__ import annotations

import uuid
from uuid import UUID

import asyncpg
from shared.adapters import Connection
from shared.pii import PiiCipher

from training.service_layer.people import SealedPerson
from training.service_layer.ports import People

# A second registration of the same person refreshes name and phone (the latest form wins)
# and links the member when one is named; concurrent ones meet on the unique index.
_IDENTIFY = (
    "INSERT INTO people (id, id_index, id_cipher, name_cipher, phone_cipher, member_id,"
    " person_link) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id_index) DO UPDATE SET"
    " name_cipher = EXCLUDED.name_cipher,"
    " person_link = COALESCE(EXCLUDED.person_link, people.person_link),"
    " phone_cipher = COALESCE(EXCLUDED.phone_cipher, people.phone_cipher),"
    " member_id = COALESCE(EXCLUDED.member_id, people.member_id), updated_at = now()"
    " RETURNING id, member_id"
)


class SqlPeople(People):
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def identify(
        self, person: SealedPerson, member_id: UUID | None
    ) -> tuple[UUID, UUID | None]:
        row = await self._conn.fetchrow(
            _IDENTIFY,
            uuid.uuid4(),
            person.id_index,
            person.id_cipher,
            person.name_cipher,
            person.phone_cipher,
            member_id,
            person.person_link,
        )
        assert row is not None  # an upsert with RETURNING always answers its row
        return row["id"], row["member_id"]

    async def link_of(self, person_id: UUID) -> str | None:
        found = await self._conn.fetchval("SELECT person_link FROM people WHERE id = $1", person_id)
        return str(found) if found is not None else None


async def link_unlinked_people(
    pool: asyncpg.Pool[asyncpg.Record], cipher: PiiCipher, *, batch_size: int = 500
) -> int:
    """Fill the person link of people registered before it existed; returns how many.

    Each batch opens the sealed ID numbers, computes their links and writes them in its own
    transaction, so a stopped run resumes where it stopped; rows locked by a concurrent
    registration are skipped (that registration writes the link itself).
    """
    linked = 0
    while True:
        async with pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(
                "SELECT id, id_cipher FROM people WHERE person_link IS NULL"
                " LIMIT $1 FOR UPDATE SKIP LOCKED",
                batch_size,
            )
            links = [
                (row["id"], cipher.person_link(cipher.decrypt(row["id_cipher"]))) for row in rows
            ]
            await conn.executemany("UPDATE people SET person_link = $2 WHERE id = $1", links)
        linked += len(links)
        if len(rows) < batch_size:
            return linked
