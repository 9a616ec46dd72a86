"""The connection and transaction a service's SQL unit of work runs in, committed with its outbox."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg
from asyncpg.transaction import Transaction

from shared.outbox.writer import Connection, PendingEvent, append_to_outbox


class UnitTransaction:
    """A pooled connection with a transaction of its own, or a connection the caller holds.

    Passing ``conn`` lets a route keep the idempotency key (or a consumer its inbox row) in the
    same transaction: the unit then works in the caller's transaction, which decides the final
    commit. No savepoint is taken (two round trips per command): a failing unit raises, and the
    caller's transaction rolls back with everything the unit wrote. Given a connection outside
    any transaction, the unit opens one of its own.

    Args:
        service: the service whose events the outbox rows carry (the CloudEvents source).
        pool: the pool a connection is taken from at :meth:`begin`.
        conn: the caller's connection, instead of ``pool``.

    Raises:
        ValueError: neither or both of ``pool`` and ``conn`` were given.
    """

    def __init__(
        self,
        service: str,
        *,
        pool: asyncpg.Pool[asyncpg.Record] | None = None,
        conn: Connection | None = None,
    ) -> None:
        if (pool is None) == (conn is None):
            raise ValueError("give exactly one of pool or conn")
        self._service = service
        self._pool = pool
        self._given_conn = conn
        self._conn: Connection | None = None
        self._tx: Transaction | None = None

    @property
    def begun(self) -> bool:
        """Whether :meth:`begin` ran and no rollback has ended the unit since."""
        return self._conn is not None

    @property
    def connection(self) -> Connection:
        """The unit's connection (after :meth:`begin`)."""
        assert self._conn is not None, "the unit has not begun"
        return self._conn

    async def begin(self) -> Connection:
        """Take the connection and open a transaction unless the caller's is open already."""
        conn: Connection
        if self._given_conn is not None:
            conn = self._given_conn
        else:
            assert self._pool is not None
            conn = await self._pool.acquire()
        self._conn = conn
        if self._given_conn is None or not conn.is_in_transaction():
            self._tx = conn.transaction()
            await self._tx.start()
        return conn

    async def commit(self, events: Sequence[PendingEvent]) -> None:
        """Append ``events`` to the outbox and commit the unit's own transaction, if it has one."""
        if events:
            await append_to_outbox(self.connection, self._service, events)
        if self._tx is not None:
            await self._tx.commit()
            self._tx = None

    async def rollback(self) -> None:
        """Roll back what was not committed and give a pooled connection back."""
        if self._tx is not None:
            await self._tx.rollback()
            self._tx = None
        if self._conn is not None and self._given_conn is None and self._pool is not None:
            pooled: Any = self._conn
            await self._pool.release(pooled)
        self._conn = None
