"""Tokens already verified, by digest, so a caller's next request skips the signature check.

An entry lasts until the token expires, and never longer than the key set is cached
(:data:`~shared.auth.tokens.JWKS_LIFESPAN_SECONDS`): a key withdrawn from the JWKS stops
admitting its tokens as soon as it would without the cache. The cache holds digests, not
tokens, and forgets everything once it is full (a burst of one-off tokens cannot grow it).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from shared.auth.principal import Principal
from shared.auth.tokens import JWKS_LIFESPAN_SECONDS

MAX_ENTRIES = 10_000


class VerifiedTokens:
    """The principals of recently verified tokens, keyed by the tokens' SHA-256 digests.

    Args:
        max_entries: entries held before the cache starts afresh.
        lifetime_seconds: the longest an entry is trusted, whatever the token's ``exp``.
        clock: seconds since the epoch (``time.time``; tests pass their own).
    """

    def __init__(
        self,
        *,
        max_entries: int = MAX_ENTRIES,
        lifetime_seconds: float = JWKS_LIFESPAN_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._entries: dict[bytes, tuple[Principal, float]] = {}
        self._max_entries = max_entries
        self._lifetime = lifetime_seconds
        self._clock = clock

    def get(self, token: str) -> Principal | None:
        """The principal ``token`` was verified as, unless unknown or past its time."""
        digest = _digest(token)
        entry = self._entries.get(digest)
        if entry is None:
            return None
        principal, valid_until = entry
        if self._clock() >= valid_until:
            del self._entries[digest]
            return None
        return principal

    def put(self, token: str, principal: Principal, expires_at: float) -> None:
        """Remember a verified ``token`` until ``expires_at`` (its ``exp``, epoch seconds)."""
        valid_until = min(expires_at, self._clock() + self._lifetime)
        if len(self._entries) >= self._max_entries:
            self._entries.clear()
        self._entries[_digest(token)] = (principal, valid_until)

    def __len__(self) -> int:
        return len(self._entries)


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()
