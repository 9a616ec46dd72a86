"""Idempotent commands: a retried request with the same ``Idempotency-Key`` changes nothing twice.

The key and the response are written in the same transaction as the command's own rows, so
either both exist or neither does: a client that retries after an ambiguous failure gets the
original response back, or the command runs as if for the first time. The key's row is
claimed first (``INSERT … ON CONFLICT DO NOTHING``), so a concurrent duplicate waits on that
uncommitted row for the first to commit and then replays it, instead of writing a second time.

Usage in a route::

    @router.post("/members", status_code=201)
    async def admit_member(
        request: Request,
        command: AdmitMember,
        principal: Annotated[Principal, Depends(require_roles(Role.UNION_CADRE))],
        key: IdempotencyKeyDep,
    ) -> Response:
        async with idempotent(request, request.app.state.pool, principal, key) as idem:
            if idem.replay:
                return idem.replay
            member_id = await insert_member(idem.conn, command)
            return idem.store(201, {"id": member_id}, {"Location": f"/members/{member_id}"})

A form (an upload) is identified by its fields and its files' names and content, not by its
bytes: every retry of an upload carries a fresh multipart boundary (:func:`form_fingerprint`).

Leaving the block with an exception rolls everything back and stores no key. Code that owns
its transaction (a unit of work) calls :func:`claim_or_replay` and :func:`record` itself.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Annotated, Any

import asyncpg
import orjson
from fastapi import Depends, Header, Request, Response
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel
from starlette.datastructures import FormData
from starlette.datastructures import UploadFile as StarletteUploadFile

from shared.auth.principal import Principal
from shared.http.idempotency_store import (
    REPLAYED_HEADER,
    Connection,
    Sealer,
    StoredResponse,
    claim_or_replay,
    purge_idempotency_keys,
    record,
)
from shared.http.problems import Problem

__all__ = [
    "KEY_HEADER",
    "REPLAYED_HEADER",
    "Connection",
    "IdempotencyKey",
    "IdempotencyKeyDep",
    "IdempotentCommand",
    "Sealer",
    "StoredResponse",
    "claim_or_replay",
    "fingerprint_of",
    "form_fingerprint",
    "idempotency_key",
    "idempotent",
    "json_body",
    "purge_idempotency_keys",
    "record",
    "request_fingerprint",
]

KEY_HEADER = "Idempotency-Key"
JSON_MEDIA_TYPE = "application/json"
_FORM_MEDIA_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
_DIGEST_CHUNK = 1024 * 1024
_VALID_KEY = re.compile(r"[\x20-\x7e]{1,255}")


_KEY_HEADER_PARAMETER = Header(
    alias=KEY_HEADER,
    description="客户端生成的唯一键；重试时原样携带",
    # Documented, not enforced by FastAPI: a bad key is a 400 of our own, as RFC drafts ask.
    json_schema_extra={"minLength": 1, "maxLength": 255, "pattern": "^[\\x20-\\x7e]{1,255}$"},
)


class IdempotencyKey:
    """FastAPI dependency: the optional ``Idempotency-Key`` header, validated.

    ``Depends()`` on the class works; :data:`IdempotencyKeyDep` resolves the same value
    without the worker-thread hop FastAPI makes for a class or plain function.

    Attributes:
        value: the key, or ``None`` when the client sent none.

    Raises:
        Problem: 400 when the key is empty, longer than 255 or not printable ASCII.
    """

    def __init__(
        self, idempotency_key: Annotated[str | None, _KEY_HEADER_PARAMETER] = None
    ) -> None:
        if idempotency_key is not None and not _VALID_KEY.fullmatch(idempotency_key):
            raise Problem(400, "幂等键无效", f"{KEY_HEADER} 须为 1 到 255 个可打印 ASCII 字符")
        self.value = idempotency_key


async def idempotency_key(
    idempotency_key: Annotated[str | None, _KEY_HEADER_PARAMETER] = None,
) -> IdempotencyKey:
    """The ``Idempotency-Key`` header as an :class:`IdempotencyKey`, resolved on the event loop.

    Raises:
        Problem: 400 as :class:`IdempotencyKey`.
    """
    return IdempotencyKey(idempotency_key)


IdempotencyKeyDep = Annotated[IdempotencyKey, Depends(idempotency_key)]
"""Annotation for a route parameter taking the validated key."""


def request_fingerprint(body: bytes, query: str = "") -> str:
    """SHA-256 of the query string and the body; JSON bodies are canonicalised first so that
    key order and whitespace do not make a retry look like a different request."""
    try:
        canonical = orjson.dumps(orjson.loads(body), option=orjson.OPT_SORT_KEYS) if body else b""
    except orjson.JSONDecodeError:
        canonical = body
    return hashlib.sha256(query.encode() + b"\n" + canonical).hexdigest()


async def form_fingerprint(form: FormData, query: str = "") -> str:
    """SHA-256 of the query string and a form's fields, uploaded files by name and content.

    A multipart body cannot be compared as bytes: each retry of the same upload is sent with
    a fresh random boundary. The fields are hashed in order of name instead, each file as its
    filename and the SHA-256 of its content (read in chunks, then rewound to where it was).
    """
    fields: list[tuple[str, str, str]] = []
    for name, value in form.multi_items():
        if isinstance(value, StarletteUploadFile):
            fields.append((name, f"file:{value.filename or ''}", await _file_digest(value)))
        else:
            fields.append((name, "text", value))
    canonical = orjson.dumps(sorted(fields))
    return hashlib.sha256(query.encode() + b"\nform\n" + canonical).hexdigest()


async def fingerprint_of(request: Request) -> str:
    """What identifies the request's content: :func:`form_fingerprint` for a form (uploads
    included), else :func:`request_fingerprint` of the body."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type in _FORM_MEDIA_TYPES:
        return await form_fingerprint(await request.form(), request.url.query)
    return request_fingerprint(await request.body(), request.url.query)


async def _file_digest(upload: StarletteUploadFile) -> str:
    digest = hashlib.sha256()
    position = upload.file.tell()
    await upload.seek(0)
    while chunk := await upload.read(_DIGEST_CHUNK):
        digest.update(chunk)
    await upload.seek(position)
    return digest.hexdigest()


class IdempotentCommand:
    """What :func:`idempotent` yields: the transaction's connection, a replay, or a recorder."""

    def __init__(self, conn: Connection, replay: Response | None) -> None:
        self.conn = conn
        self.replay = replay
        self.stored: StoredResponse | None = None

    def store(
        self, status: int, body: Any = None, headers: Mapping[str, str] | None = None
    ) -> Response:
        """Build the response and have it remembered when the block commits.

        Args:
            status: HTTP status code.
            body: a JSON-compatible value (pydantic models included); ``None`` for no body.
            headers: headers to send now and on every replay.
        """
        if body is None:
            response = Response(status_code=status, headers=dict(headers or {}))
        else:
            response = Response(json_body(body), status, dict(headers or {}), JSON_MEDIA_TYPE)
        self.stored = StoredResponse(
            status,
            bytes(response.body),
            dict(headers or {}),
            response.media_type if body is not None else None,
        )
        return response


def json_body(body: Any) -> bytes:
    """``body`` as FastAPI would render it in a JSON response, serialised by orjson."""
    content = (
        body.model_dump(mode="json", by_alias=True)
        if isinstance(body, BaseModel)
        else jsonable_encoder(body)
    )
    return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


@asynccontextmanager
async def idempotent(
    request: Request,
    db: asyncpg.Pool[Any] | Connection,
    principal: Principal,
    key: IdempotencyKey | str | None,
) -> AsyncIterator[IdempotentCommand]:
    """Run a command in one transaction with its idempotency record (see the module docs).

    Args:
        request: the current request; its method, path, query and body (a form's fields and
            files, for a form or an upload) identify the command.
        db: a pool (a connection is acquired) or a connection (a transaction, or a savepoint
            inside the caller's, is opened on it).
        principal: the caller; keys are scoped per caller.
        key: the ``Idempotency-Key`` dependency or its value; ``None`` runs the command plainly.

    Raises:
        RuntimeError: the block finished without a replay and without calling ``store``.
    """
    key_value = key.value if isinstance(key, IdempotencyKey) else key
    request_hash = ""
    if key_value is not None:  # without a key there is nothing to compare a retry with
        request_hash = await fingerprint_of(request)
    method, path = request.method, request.url.path
    sealer: Sealer | None = getattr(request.app.state, "response_sealer", None)
    async with _transaction(db) as conn:
        stored = None
        if key_value is not None:
            stored = await claim_or_replay(
                conn, principal.principal_key, key_value, method, path, request_hash, sealer=sealer
            )
        command = IdempotentCommand(conn, stored.to_response() if stored else None)
        yield command
        if key_value is None or command.replay is not None:
            return
        if command.stored is None:
            raise RuntimeError("an idempotent command must call store() to build its response")
        result = command.stored
        await record(
            conn,
            principal.principal_key,
            key_value,
            result.status,
            result.body,
            result.headers,
            media_type=result.media_type,
            sealer=sealer,
        )


@asynccontextmanager
async def _transaction(db: asyncpg.Pool[Any] | Connection) -> AsyncIterator[Connection]:
    if isinstance(db, asyncpg.Pool):
        async with db.acquire() as conn, conn.transaction():
            yield conn
    else:
        async with db.transaction():
            yield db
