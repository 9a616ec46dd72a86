"""LISTEN for outbox notifications on a connection held for the relay's lifetime."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import asyncpg

from shared.outbox.writer import OUTBOX_CHANNEL

logger = logging.getLogger(__name__)


class OutboxListener:
    """Sets :attr:`woken` when rows commit in ``schema``'s outbox.

    The connection is taken from the pool (so the pool needs one connection more than the
    relay's passes use) and replaced when the database drops it.
    """

    def __init__(self, pool: asyncpg.Pool[asyncpg.Record], schema: str) -> None:
        self._pool = pool
        self._schema = schema
        self._conn: asyncpg.pool.PoolConnectionProxy[asyncpg.Record] | None = None
        self.woken = asyncio.Event()

    async def ensure_listening(self) -> None:
        """Listen if not already listening on a live connection.

        Raises:
            OSError, asyncpg.PostgresError: the database is unreachable.
        """
        if self._listening():
            return
        await self.close()
        conn = await self._pool.acquire()
        try:
            await conn.add_listener(OUTBOX_CHANNEL, self._on_notify)
        except BaseException:
            await self._pool.release(conn)
            raise
        self._conn = conn
        # Rows committed while nobody listened sent notifications nobody heard.
        self.woken.set()

    def _listening(self) -> bool:
        if self._conn is None:
            return False
        try:
            return not self._conn.is_closed()
        except asyncpg.InterfaceError:  # the pool has taken back a connection that died
            return False

    async def wait(
        self, stop: asyncio.Event, seconds: float, *, wake_on_notify: bool = True
    ) -> None:
        """Sleep up to ``seconds``, less if ``stop`` is set or (if asked) a notification came."""
        events = [stop, self.woken] if wake_on_notify else [stop]
        waiters = [asyncio.ensure_future(event.wait()) for event in events]
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def close(self) -> None:
        """Stop listening and give the connection back to the pool."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        with contextlib.suppress(asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
            if not conn.is_closed():
                await conn.remove_listener(OUTBOX_CHANNEL, self._on_notify)
        try:
            await self._pool.release(conn)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
            logger.debug("released a broken LISTEN connection", exc_info=True)

    def _on_notify(self, conn: Any, pid: int, channel: str, payload: object) -> None:
        if payload == self._schema:
            self.woken.set()
