"""Personal data at rest: AES-256-GCM encryption, keyed blind indexes and display masks.

Ciphertext layout: one key-version byte, a 12-byte random nonce, then the GCM ciphertext and
tag. The version byte is authenticated too (it is the associated data), and selects the key on
decryption, so keys can be rotated: new writes use the current key while rows written under an
older one still decrypt until they are re-encrypted.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import unicodedata
from collections.abc import Mapping, Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.settings import PersonLinkSettings, ServiceSettings

NONCE_BYTES = 12
CURRENT_KEY_VERSION = 1

# Two-character surnames (复姓), written as consecutive pairs; a masked name keeps them whole.
_COMPOUND_SURNAME_PAIRS = (
    "欧阳司马上官诸葛东方皇甫尉迟公孙慕容长孙宇文司徒司空夏侯轩辕令狐钟离端木独孤南宫"
    "西门百里呼延澹台公冶太史申屠闻人赫连濮阳万俟单于淳于仲孙拓跋第五左丘东郭南门羊舌"
    "微生梁丘公良乐正漆雕壤驷公西巫马谷梁宰父"
)
COMPOUND_SURNAMES = frozenset(
    _COMPOUND_SURNAME_PAIRS[i : i + 2] for i in range(0, len(_COMPOUND_SURNAME_PAIRS), 2)
)


class PiiError(ValueError):
    """A ciphertext that was tampered with, truncated, or written under an unknown key."""


class PiiCipher:
    """Encrypts personal data and derives blind indexes for exact-match search.

    Args:
        key_b64: base64 of the 32-byte AES key used for new ciphertexts.
        blind_index_key: HMAC key of the blind index; rotating it means re-indexing.
        key_version: the version byte written with ``key_b64`` (1–255).
        previous_keys: base64 keys of earlier versions, still accepted for decryption.
        person_link_key: key of the platform-wide person link (:func:`person_link`), for the
            services that recognise a person across services; ``None`` in the others.

    Raises:
        ValueError: a key is not base64 of 32 bytes, or a version is out of range.
    """

    def __init__(
        self,
        key_b64: str,
        blind_index_key: str,
        *,
        key_version: int = CURRENT_KEY_VERSION,
        previous_keys: Mapping[int, str] | None = None,
        person_link_key: str | None = None,
    ) -> None:
        self._keys = {version: _aes_key(key) for version, key in (previous_keys or {}).items()}
        self._keys[key_version] = _aes_key(key_b64)
        if any(not 1 <= version <= 255 for version in self._keys):
            raise ValueError("key versions must be between 1 and 255")
        if not blind_index_key:
            raise ValueError("blind index key must not be empty")
        self._version = key_version
        self._index_key = blind_index_key.encode()
        self._person_link_key = person_link_key

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> PiiCipher:
        """The cipher configured by ``pii_key``, ``blind_index_key`` and, for a service whose
        settings are :class:`~shared.settings.PersonLinkSettings`, ``person_link_key``."""
        link_key = None
        if isinstance(settings, PersonLinkSettings):
            link_key = settings.person_link_key.get_secret_value()
        return cls(
            settings.pii_key.get_secret_value(),
            settings.blind_index_key.get_secret_value(),
            person_link_key=link_key,
        )

    def encrypt(self, plaintext: str) -> bytes:
        """Encrypt under the current key with a fresh random nonce."""
        return self.seal(plaintext.encode())

    def seal(self, data: bytes) -> bytes:
        """Encrypt bytes (e.g. a stored response body) as :meth:`encrypt` does text."""
        prefix = bytes([self._version])
        nonce = os.urandom(NONCE_BYTES)
        return prefix + nonce + AESGCM(self._keys[self._version]).encrypt(nonce, data, prefix)

    def encrypt_many(self, plaintexts: Sequence[str]) -> list[bytes]:
        """Encrypt each value as :meth:`encrypt` does, with one draw of randomness for all.

        A bulk import seals thousands of values: one ``os.urandom`` call and one key schedule
        instead of one per value. Every value still gets a nonce of its own.

        Args:
            plaintexts: the values, in order.

        Returns:
            The ciphertexts, in the same order.
        """
        prefix = bytes([self._version])
        aead = AESGCM(self._keys[self._version])
        nonces = os.urandom(NONCE_BYTES * len(plaintexts))
        sealed = []
        for position, plaintext in enumerate(plaintexts):
            nonce = nonces[position * NONCE_BYTES : (position + 1) * NONCE_BYTES]
            sealed.append(prefix + nonce + aead.encrypt(nonce, plaintext.encode(), prefix))
        return sealed

    def decrypt(self, token: bytes) -> str:
        """Decrypt and authenticate a value produced by :meth:`encrypt`.

        Raises:
            PiiError: the value was altered, truncated, or its key version is unknown.
        """
        return self.open(token).decode()

    def open(self, token: bytes) -> bytes:
        """Decrypt and authenticate bytes produced by :meth:`seal`.

        Raises:
            PiiError: the value was altered, truncated, or its key version is unknown.
        """
        if len(token) < 1 + NONCE_BYTES + 16:
            raise PiiError("ciphertext too short")
        key = self._keys.get(token[0])
        if key is None:
            raise PiiError(f"unknown key version {token[0]}")
        nonce, sealed = token[1 : 1 + NONCE_BYTES], token[1 + NONCE_BYTES :]
        try:
            return AESGCM(key).decrypt(nonce, sealed, token[:1])
        except InvalidTag as exc:
            raise PiiError("ciphertext failed authentication") from exc

    def needs_reencryption(self, token: bytes) -> bool:
        """Whether ``token`` was written under a key other than the current one."""
        return not token or token[0] != self._version

    def blind_index(self, value: str) -> str:
        """HMAC-SHA256 (hex) of the normalised value: equal inputs give equal indexes.

        Normalisation: NFKC (full-width digits and letters become ASCII), surrounding space
        stripped, upper-case (the ``x`` check character of an ID number matches ``X``).
        """
        return hmac.new(self._index_key, normalise(value).encode(), hashlib.sha256).hexdigest()

    def person_link(self, id_number: str) -> str:
        """The platform-wide person link of a validated ID number (see :func:`person_link`).

        Raises:
            ValueError: this cipher was built without a person link key.
        """
        if self._person_link_key is None:
            raise ValueError("this service holds no person link key")
        return person_link(id_number, self._person_link_key)


def person_link(id_number: str, key: str) -> str:
    """The pseudonymous link of a person, the same in every service that holds ``key``.

    Each service's blind index uses its own key, so the same person has unrelated indexes in
    training and in assistance, and events carry no ID number. The person link is what lets
    two services recognise one person without exchanging personal data: the services that
    must (training publishes it with a placement, assistance matches it against the people of
    its hardship files) compute it under one shared key, ``PERSON_LINK_KEY``.

    It is not personal data in clear: an HMAC cannot be reversed, and without the key a guess
    of an ID number cannot be checked against it either (ID numbers are few enough to try them
    all against an unkeyed hash). Only the services that must recognise a person across
    services hold the key; the event catalogue tells every other consumer that the link is an
    opaque pseudonym, to be compared for equality and nothing else.

    Args:
        id_number: an ID number already validated (``shared.identifiers``); it is normalised
            as for a blind index (NFKC, stripped, upper case: ``x`` and ``X`` give one link).
        key: the person link key (``PERSON_LINK_KEY``), non-empty.

    Returns:
        HMAC-SHA256 of the normalised number under ``key``, as 64 lower-case hex characters.

    Raises:
        ValueError: the key is empty.
    """
    if not key:
        raise ValueError("person link key must not be empty")
    return hmac.new(key.encode(), normalise(id_number).encode(), hashlib.sha256).hexdigest()


def normalise(value: str) -> str:
    """The form a value is indexed in (see :meth:`PiiCipher.blind_index`)."""
    return unicodedata.normalize("NFKC", value).strip().upper()


def mask_id_number(v: str) -> str:
    """``110101199003071234`` → ``110101********1234``: region code and last four kept."""
    v = v.strip()
    if len(v) <= 10:
        return "*" * len(v)
    return v[:6] + "*" * (len(v) - 10) + v[-4:]


def mask_mobile(v: str) -> str:
    """``13812345678`` → ``138****5678``."""
    v = v.strip()
    if len(v) <= 7:
        return "*" * len(v)
    return v[:3] + "*" * (len(v) - 7) + v[-4:]


def mask_name(v: str) -> str:
    """``张三`` → ``张*``, ``欧阳娜娜`` → ``欧阳**``: the surname stays, the given name goes."""
    v = v.strip()
    if len(v) <= 1:
        return "*" * len(v)
    kept = 2 if v[:2] in COMPOUND_SURNAMES and len(v) > 2 else 1
    return v[:kept] + "*" * (len(v) - kept)


def _aes_key(key_b64: str) -> bytes:
    try:
        key = base64.b64decode(key_b64, validate=True)
    except binascii.Error as exc:
        raise ValueError("PII key must be base64") from exc
    if len(key) != 32:
        raise ValueError("PII key must decode to 32 bytes (AES-256)")
    return key
