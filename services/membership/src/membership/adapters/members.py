"""SQL repository of membership periods; ID numbers and mobiles stay sealed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection, insert_many, update_versioned
from shared.outbox import OutboxInsert
from shared.tracking import Changed

from membership.adapters.constraints import CONFLICT_RULES
from membership.domain import (
    HouseholdType,
    LeavingReason,
    Member,
    MemberStatus,
    PersonalData,
    RetentionReason,
)
from membership.service_layer.ports import MemberRepository

COLUMNS = (
    "id, name, id_number_cipher, id_number_index, mobile_cipher, sex, birth_date, "
    "household_type, is_migrant_worker, employer_id, union_id, joined_on, card_number, status, "
    "status_since, union_since, retention_reason, leaving_reason, version"
)
COLUMN_NAMES = tuple(COLUMNS.split(", "))
INSERT = (
    f"INSERT INTO members ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
    "$13, $14, $15, $16, $17, $18, $19)"
)
UPDATE = (
    "UPDATE members SET version = $3, household_type = $4, is_migrant_worker = $5, "
    "employer_id = $6, union_id = $7, card_number = $8, status = $9, status_since = $10, "
    "union_since = $11, retention_reason = $12, leaving_reason = $13, mobile_cipher = $14, "
    "updated_at = now() WHERE id = $1 AND version = $2"
)


def to_member(row: asyncpg.Record | Mapping[str, Any]) -> Member:
    person = PersonalData(
        name=row["name"],
        birth_date=row["birth_date"],
        sex=row["sex"],
        id_number_index=row["id_number_index"],
        id_number_ciphertext=row["id_number_cipher"],
        mobile_ciphertext=row["mobile_cipher"],
    )
    return Member(
        id=row["id"],
        person=person,
        household_type=HouseholdType(row["household_type"]),
        employer_id=row["employer_id"],
        union_id=row["union_id"],
        joined_on=row["joined_on"],
        card_number=row["card_number"],
        status=MemberStatus(row["status"]),
        status_since=row["status_since"],
        union_since=row["union_since"],
        retention_reason=RetentionReason(row["retention_reason"])
        if row["retention_reason"]
        else None,
        leaving_reason=LeavingReason(row["leaving_reason"]) if row["leaving_reason"] else None,
        version=row["version"],
    )


def insert_row(m: Member) -> tuple[object, ...]:
    """The INSERT parameters of one member (also used by the bulk roster import)."""
    p = m.person
    return (
        m.id,
        p.name,
        p.id_number_ciphertext,
        p.id_number_index,
        p.mobile_ciphertext,
        p.sex,
        p.birth_date,
        m.household_type.value,
        m.household_type is HouseholdType.AGRICULTURAL,
        m.employer_id,
        m.union_id,
        m.joined_on,
        m.card_number,
        m.status.value,
        m.status_since,
        m.union_since,
        m.retention_reason.value if m.retention_reason else None,
        m.leaving_reason.value if m.leaving_reason else None,
        m.version,
    )


def _update_row(m: Member, loaded_version: int) -> tuple[object, ...]:
    return (
        m.id,
        loaded_version,
        m.version,
        m.household_type.value,
        m.household_type is HouseholdType.AGRICULTURAL,
        m.employer_id,
        m.union_id,
        m.card_number,
        m.status.value,
        m.status_since,
        m.union_since,
        m.retention_reason.value if m.retention_reason else None,
        m.leaving_reason.value if m.leaving_reason else None,
        m.person.mobile_ciphertext,
    )


def member_columns(member: Member) -> dict[str, object]:
    """The member's row as the repository writes it, by column name (no query)."""
    return dict(zip(COLUMN_NAMES, insert_row(member), strict=True))


class SqlMemberRepository(MemberRepository):
    """Members in the ``members`` table of the unit's connection."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn
        self._current: dict[str, Mapping[str, Any] | None] = {}
        self._outbox: OutboxInsert | None = None

    def reset(self) -> None:
        super().reset()
        self._current.clear()
        self._outbox = None

    async def flush_with_outbox(self, outbox: OutboxInsert) -> None:
        """Flush the one member added (see :meth:`only_added`) and the unit's outbox rows in
        a single statement: an admission's row and its event are one round trip."""
        self._outbox = outbox
        try:
            await self.flush()
        finally:
            self._outbox = None

    def remember_current(self, id_number_index: str, row: Mapping[str, Any] | None) -> None:
        """Keep the person's current membership (``None``: none), read by another statement
        of this unit, for :meth:`find_current_by_id_index` to answer from."""
        self._current[id_number_index] = row

    async def _get(self, aggregate_id: UUID) -> Member | None:
        row = await self.conn.fetchrow(f"SELECT {COLUMNS} FROM members WHERE id = $1", aggregate_id)
        return to_member(row) if row else None

    async def _find_current_by_id_index(self, id_number_index: str) -> Member | None:
        if id_number_index in self._current:
            known = self._current.pop(id_number_index)
            return to_member(known) if known is not None else None
        row = await self.conn.fetchrow(
            f"SELECT {COLUMNS} FROM members WHERE id_number_index = $1 "
            "AND status IN ('active', 'retained')",
            id_number_index,
        )
        return to_member(row) if row else None

    async def count_current_in_union(self, union_id: UUID) -> int:
        count = await self.conn.fetchval(
            "SELECT count(*) FROM members WHERE union_id = $1 AND status IN ('active', 'retained')",
            union_id,
        )
        return int(count)

    async def _persist(self, added: Sequence[Member], changed: Sequence[Changed[Member]]) -> None:
        if added and self._outbox is not None:
            # The outbox placeholders follow the member's 19.
            sql, rows = (
                f"WITH {self._outbox.cte} {INSERT}",
                [(*insert_row(m), *self._outbox.args) for m in added],
            )
        else:
            sql, rows = INSERT, [insert_row(m) for m in added]
        if added:
            await insert_many(self.conn, sql, rows, "该人员的有效会籍", CONFLICT_RULES)
        if changed:
            await update_versioned(
                self.conn,
                UPDATE,
                [_update_row(c.aggregate, c.loaded_version) for c in changed],
                CONFLICT_RULES,
            )
