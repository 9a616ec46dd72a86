"""Filling the person links of people sealed before links existed (``assistance link-people``).

A link is computed from the ID number, which only the sealed column holds, so SQL alone cannot
fill it: each batch opens the ciphertexts with the service's cipher, computes the links and
writes them — on the file row or the relative's row, and on the person's ``household_people``
row that the placement rule searches — in its own transaction. Rows locked by a concurrent
change of the file are skipped; running the command again picks up whatever is still unlinked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

import asyncpg
from shared.pii import PiiCipher

Pool: TypeAlias = "asyncpg.Pool[asyncpg.Record]"


@dataclass(frozen=True)
class _Kind:
    """Where one kind of person (head, family member) is sealed and linked."""

    select: str
    update: str
    """Parameters: household id, link, and the relative's position."""
    positioned: bool


_HEADS = _Kind(
    "SELECT id AS household_id, head_id_number_index AS id_number_index,"
    " head_id_number_cipher AS id_number_cipher FROM households"
    " WHERE head_person_link IS NULL LIMIT $1 FOR UPDATE SKIP LOCKED",
    "UPDATE households SET head_person_link = $2 WHERE id = $1",
    positioned=False,
)
_RELATIVES = _Kind(
    "SELECT household_id, id_number_index, id_number_cipher, position FROM household_relatives"
    " WHERE person_link IS NULL AND id_number_cipher IS NOT NULL"
    " LIMIT $1 FOR UPDATE SKIP LOCKED",
    "UPDATE household_relatives SET person_link = $2 WHERE household_id = $1 AND position = $3",
    positioned=True,
)
_LINK_PERSON = (
    "UPDATE household_people SET person_link = $3 WHERE household_id = $1 AND id_number_index = $2"
)


async def link_unlinked_people(pool: Pool, cipher: PiiCipher, *, batch_size: int = 500) -> int:
    """Link every head and family member with an ID number still unlinked; returns how many."""
    heads = await _link_all(pool, cipher, _HEADS, batch_size)
    return heads + await _link_all(pool, cipher, _RELATIVES, batch_size)


async def _link_all(pool: Pool, cipher: PiiCipher, kind: _Kind, batch_size: int) -> int:
    linked = 0
    while True:
        async with pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(kind.select, batch_size)
            links = [cipher.person_link(cipher.decrypt(row["id_number_cipher"])) for row in rows]
            await conn.executemany(
                kind.update,
                [
                    (row["household_id"], link, *([row["position"]] if kind.positioned else []))
                    for row, link in zip(rows, links, strict=True)
                ],
            )
            await conn.executemany(
                _LINK_PERSON,
                [
                    (row["household_id"], row["id_number_index"], link)
                    for row, link in zip(rows, links, strict=True)
                ],
            )
        linked += len(rows)
        if len(rows) < batch_size:
            return linked
