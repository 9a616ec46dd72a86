"""The public certificate check's sliding-minute allowance, counted in PostgreSQL.

Counted in the database rather than in each process so that the allowance holds however many
API replicas serve the public page. Calls of one address are serialised by an advisory lock,
so concurrent calls cannot both take the last allowance.
"""

from __future__ import annotations

import hashlib
import math

from shared.adapters import Connection

_LOCK_NAMESPACE = 0x7C3E  # the first key of the two-key advisory lock: certificate checks

_TAKE = """
WITH recent AS (
    SELECT called_at FROM certificate_check_calls
    WHERE address_digest = $1 AND called_at > clock_timestamp() - make_interval(secs => $3)
), verdict AS (
    SELECT count(*) < $2 AS allowed,
           extract(epoch FROM min(called_at) + make_interval(secs => $3) - clock_timestamp())
               AS wait
    FROM recent
), taken AS (
    INSERT INTO certificate_check_calls (address_digest)
    SELECT $1 FROM verdict WHERE allowed
)
SELECT allowed, wait FROM verdict
"""

_FORGET = "DELETE FROM certificate_check_calls WHERE called_at < clock_timestamp() - make_interval(secs => $1)"


def address_digest(address: str) -> bytes:
    """The key a caller's address is counted under (the address is not stored)."""
    return hashlib.sha256(address.encode()).digest()


async def take_check(conn: Connection, address: str, limit: int, window_seconds: float) -> int:
    """Count one call of ``address``; 0 when allowed, else whole seconds until one would be.

    A refused call is not counted, so retrying early does not push the wait further out.
    """
    digest = address_digest(address)
    async with conn.transaction():
        await conn.execute(
            "SELECT pg_advisory_xact_lock($1, hashtext(encode($2, 'hex')))",
            _LOCK_NAMESPACE, digest,
        )  # fmt: skip
        row = await conn.fetchrow(_TAKE, digest, limit, window_seconds)
        await conn.execute(_FORGET, window_seconds)
    assert row is not None
    if row["allowed"]:
        return 0
    return max(1, math.ceil(float(row["wait"])))
