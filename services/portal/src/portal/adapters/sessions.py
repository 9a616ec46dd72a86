"""Sessions: a random cookie, stored only as its SHA-256, with its CSRF token and expiry."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

import asyncpg


@dataclass(frozen=True)
class Session:
    """A live session: whose it is and the CSRF token its forms carry."""

    account_id: UUID
    csrf_token: str


def _digest(cookie: str) -> bytes:
    return hashlib.sha256(cookie.encode()).digest()


class SessionStore:
    """SQL over ``sessions``; expiry slides forward on every request."""

    def __init__(self, pool: asyncpg.Pool[asyncpg.Record]) -> None:
        self.pool = pool

    async def open(self, account_id: UUID, idle: timedelta) -> tuple[str, Session]:
        """A new session; returns the cookie value (never stored) and the session."""
        cookie = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        await self.pool.execute(
            "INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at) "
            "VALUES ($1, $2, $3, now() + $4)",
            _digest(cookie),
            account_id,
            csrf,
            idle,
        )
        return cookie, Session(account_id, csrf)

    async def find(self, cookie: str, idle: timedelta) -> Session | None:
        """The live session of ``cookie``, its expiry moved ``idle`` ahead; ``None`` if none."""
        row = await self.pool.fetchrow(
            """UPDATE sessions SET expires_at = now() + $2
               WHERE token_hash = $1 AND expires_at > now()
               RETURNING account_id, csrf_token""",
            _digest(cookie),
            idle,
        )
        return Session(row["account_id"], row["csrf_token"]) if row is not None else None

    async def close(self, cookie: str) -> None:
        """End the session of ``cookie`` (sign-out)."""
        await self.pool.execute("DELETE FROM sessions WHERE token_hash = $1", _digest(cookie))

    async def close_all(self, account_id: UUID, keep: str | None = None) -> None:
        """End every session of an account but ``keep`` (after a password change)."""
        kept = _digest(keep) if keep else b""
        await self.pool.execute(
            "DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2", account_id, kept
        )

    async def expire(self, cookie: str) -> None:
        """Make a session already expired (tests of the expired-session path use this)."""
        await self.pool.execute(
            "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
            _digest(cookie),
        )
