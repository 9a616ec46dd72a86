"""The people register in SQL: one row per blind index, written in one statement."""

from __future__ import annotations

import uuid
from uuid import UUID

from shared.adapters import Connection

from training.service_layer.people import SealedPerson
from training.service_layer.ports import People

# A second registration of the same person refreshes name and phone (the latest form wins)
# and links the member when one is named; concurrent ones meet on the unique index.
_IDENTIFY = (
    "INSERT INTO people (id, id_index, id_cipher, name_cipher, phone_cipher, member_id)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id_index) DO UPDATE SET"
    " name_cipher = EXCLUDED.name_cipher,"
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
        )
        assert row is not None  # an upsert with RETURNING always answers its row
        return row["id"], row["member_id"]
