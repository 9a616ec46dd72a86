"""The idempotency_keys table: claim a key, look up (under a lock) and record responses to commands."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol, TypeAlias

import asyncpg
import orjson
from asyncpg.pool import PoolConnectionProxy
from fastapi import Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from shared.http.problems import Problem

# A string: asyncpg's classes are generic only in their type stubs.
Connection: TypeAlias = "asyncpg.Connection[Any] | PoolConnectionProxy[Any]"
REPLAYED_HEADER = "Idempotent-Replayed"


class Sealer(Protocol):
    """Authenticated encryption of a stored body (``shared.pii.PiiCipher`` fits)."""

    def seal(self, data: bytes) -> bytes: ...

    def open(self, token: bytes) -> bytes: ...


@dataclass(frozen=True)
class StoredResponse:
    """A response as first sent: status, exact body bytes, media type and route headers."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    media_type: str | None = "application/json"

    def to_response(self) -> Response:
        """The response to send again, marked with ``Idempotent-Replayed: true``."""
        headers = {**self.headers, REPLAYED_HEADER: "true"}
        return Response(self.body, self.status, headers, media_type=self.media_type)


_CLAIM = """INSERT INTO idempotency_keys (principal, key, method, path, request_hash, status_code)
            VALUES ($1, $2, $3, $4, $5, 0)
            ON CONFLICT (principal, key) DO NOTHING RETURNING true"""
_STORED = """SELECT method, path, request_hash, status_code, response_body, response_sealed,
                    response_media_type, response_headers::text AS headers
               FROM idempotency_keys WHERE principal = $1 AND key = $2"""
_RECORD = """UPDATE idempotency_keys SET status_code = $3, response_body = $4,
                    response_media_type = $5, response_headers = $6::text::jsonb,
                    response_sealed = $7
              WHERE principal = $1 AND key = $2"""


async def claim_or_replay(
    conn: Connection,
    principal_key: str,
    key: str,
    method: str,
    path: str,
    request_hash: str,
    *,
    sealer: Sealer | None = None,
) -> StoredResponse | None:
    """Claim (caller, key) for this transaction, or return the response stored under it.

    One statement: the key's row is inserted at once (a placeholder no other transaction sees), and :func:`record` fills in the response before
    the commit. A concurrent request with the same key waits on the uncommitted row, as it
    would on a lock, then finds the committed response (or claims the key itself, if the first
    transaction rolled back).

    Returns:
        ``None`` when the key is now this transaction's; the stored response otherwise.

    Raises:
        Problem: 422 when the key was used for a different method, path or body.
        RuntimeError: ``conn`` is not inside a transaction (the claim would not hold).
    """
    if not conn.is_in_transaction():
        raise RuntimeError("claim_or_replay must run inside the command's transaction")
    claimed = await conn.fetchval(_CLAIM, principal_key, key, method, path, request_hash)
    if claimed:
        return None
    # A statement of its own: in READ COMMITTED it sees the row the conflict waited for.
    stored = await _stored(conn, principal_key, key, method, path, request_hash, sealer)
    if stored is None:  # the row went between the two statements (purged): claim again
        return await claim_or_replay(
            conn, principal_key, key, method, path, request_hash, sealer=sealer
        )
    return stored


async def _stored(
    conn: Connection,
    principal_key: str,
    key: str,
    method: str,
    path: str,
    request_hash: str,
    sealer: Sealer | None,
) -> StoredResponse | None:
    row = await conn.fetchrow(_STORED, principal_key, key)
    if row is None:
        return None
    if (row["method"], row["path"], row["request_hash"]) != (method, path, request_hash):
        raise Problem(
            422, "幂等键已用于不同的请求", "同一个幂等键只能用于同一个请求；新的请求请使用新的键"
        )
    body = row["response_body"]
    if row["response_sealed"]:
        if sealer is None:
            raise RuntimeError("a sealed idempotent response needs the sealer to replay")
        body = sealer.open(body)
    return StoredResponse(
        row["status_code"],
        body,
        orjson.loads(row["headers"]),
        row["response_media_type"],
    )


async def record(
    conn: Connection,
    principal_key: str,
    key: str,
    status: int,
    body: Any,
    headers: Mapping[str, str] | None = None,
    *,
    media_type: str | None = "application/json",
    sealer: Sealer | None = None,
) -> None:
    """Store the response under a key this transaction claimed (:func:`claim_or_replay`).

    Args:
        body: the exact bytes sent, a JSON-compatible value (rendered as FastAPI would), or
            ``None`` for an empty body.
        headers: response headers a replay must repeat (e.g. ``Location``).
        media_type: the body's media type.
        sealer: seals the body at rest, so personal data a response shows (a revealed ID
            number, a name, a note) never lies in clear in ``idempotency_keys``.

    Raises:
        RuntimeError: the key was not claimed in this transaction.
    """
    raw, media_type, sealed = _at_rest(body, media_type, sealer)
    status_line = await conn.execute(
        _RECORD,
        principal_key,
        key,
        status,
        raw,
        media_type,
        orjson.dumps(dict(headers or {})).decode(),
        sealed,
    )
    if status_line != "UPDATE 1":
        raise RuntimeError("record() needs the key claimed by claim_or_replay in this transaction")


def _at_rest(
    body: Any, media_type: str | None, sealer: Sealer | None
) -> tuple[bytes, str | None, bool]:
    """The body as stored (bytes, sealed when a sealer is given), its media type, and whether
    it is sealed."""
    raw = b""
    if body is None:
        media_type = None
    elif isinstance(body, bytes):
        raw = body
    else:
        raw = bytes(JSONResponse(jsonable_encoder(body)).body)
    sealed = sealer is not None and bool(raw)
    if sealed:
        assert sealer is not None
        raw = sealer.seal(raw)
    return raw, media_type, sealed


async def purge_idempotency_keys(conn: Connection, older_than: timedelta) -> int:
    """Delete keys older than ``older_than``; returns how many went. Clients retry within
    minutes, so a retention of a day or more keeps every useful replay."""
    deleted: int = await conn.fetchval(
        """WITH gone AS (DELETE FROM idempotency_keys WHERE created_at < now() - $1::interval
                         RETURNING 1) SELECT count(*) FROM gone""",
        older_than,
    )
    return deleted
