"""Accounts in the portal schema: look-up, creation, failed sign-ins and the lock."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import asyncpg

COLUMNS = (
    "id, username, display_name, role, org_id, org_name, password_hash, failed_attempts, "
    "locked_until, created_by"
)


@dataclass(frozen=True)
class Account:
    """A workbench user: one role, and the root of the organisation subtree they work in."""

    id: UUID
    username: str
    display_name: str
    role: str
    org_id: UUID | None
    org_name: str
    password_hash: str
    failed_attempts: int
    locked_until: datetime | None
    created_by: UUID | None

    def locked_at(self, now: datetime) -> bool:
        """Whether the account is locked at ``now``."""
        return self.locked_until is not None and self.locked_until > now


def _account(row: asyncpg.Record | None) -> Account | None:
    return Account(**dict(row)) if row is not None else None


class AccountStore:
    """SQL over ``accounts``."""

    def __init__(self, pool: asyncpg.Pool[asyncpg.Record]) -> None:
        self.pool = pool

    async def by_username(self, username: str) -> Account | None:
        """The account signing in as ``username``."""
        row = await self.pool.fetchrow(
            f"SELECT {COLUMNS} FROM accounts WHERE username = $1", username
        )
        return _account(row)

    async def by_id(self, account_id: UUID) -> Account | None:
        """The account with this id."""
        row = await self.pool.fetchrow(f"SELECT {COLUMNS} FROM accounts WHERE id = $1", account_id)
        return _account(row)

    async def create(self, **fields: Any) -> UUID:
        """Insert an account; raises ``asyncpg.UniqueViolationError`` for a taken username."""
        account_id = uuid4()
        names = ", ".join(fields)
        values = ", ".join(f"${i}" for i in range(2, len(fields) + 2))
        await self.pool.execute(
            f"INSERT INTO accounts (id, {names}) VALUES ($1, {values})",
            account_id,
            *fields.values(),
        )
        return account_id

    async def count(self) -> int:
        """How many accounts exist."""
        return int(await self.pool.fetchval("SELECT count(*) FROM accounts"))

    async def record_failure(self, account_id: UUID, limit: int, lock: timedelta) -> None:
        """Count a failed sign-in; the ``limit``-th in a row locks the account for ``lock``."""
        await self.pool.execute(
            """UPDATE accounts SET failed_attempts = failed_attempts + 1,
                   locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + $3
                                       ELSE locked_until END
               WHERE id = $1""",
            account_id,
            limit,
            lock,
        )

    async def record_success(self, account_id: UUID) -> None:
        """Clear the failures after a sign-in."""
        await self.pool.execute(
            "UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = $1",
            account_id,
        )

    async def set_password(self, account_id: UUID, password_hash: str) -> None:
        """Store a new hash (and unlock)."""
        await self.pool.execute(
            """UPDATE accounts SET password_hash = $2, password_changed_at = now(),
                   failed_attempts = 0, locked_until = NULL WHERE id = $1""",
            account_id,
            password_hash,
        )

    async def created_by(self, admin: Account) -> list[Account]:
        """The accounts an admin manages: all for a city-wide admin, else those they created."""
        if admin.org_id is None:
            rows = await self.pool.fetch(f"SELECT {COLUMNS} FROM accounts ORDER BY username")
        else:
            rows = await self.pool.fetch(
                f"SELECT {COLUMNS} FROM accounts WHERE created_by = $1 OR id = $1 "
                "ORDER BY username",
                admin.id,
            )
        return [Account(**dict(row)) for row in rows]

    async def names_of(self, subjects: list[str]) -> dict[str, str]:
        """The username of each subject that is an account id (a token's ``sub``); others left
        out, as a token may come from elsewhere (a development token, another client)."""
        ids = []
        for subject in subjects:
            with contextlib.suppress(ValueError):
                ids.append(UUID(subject))
        rows = await self.pool.fetch(
            "SELECT id, username, display_name FROM accounts WHERE id = ANY($1::uuid[])", ids
        )
        return {
            str(row["id"]): f"{row['display_name'] or row['username']}（{row['username']}）"
            for row in rows
        }
