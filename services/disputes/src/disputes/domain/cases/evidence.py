"""An evidence document's stored form: its sealed content, name, type, size and SHA-256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from uuid import UUID

from shared.seedwork import InvalidValue, RecordedEvent

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def sniff_media_type(content: bytes) -> str:
    """The type the content really is (by its first bytes), whatever the upload claimed.

    Raises:
        InvalidValue: not a PDF, JPEG or PNG document.
    """
    for signature, media_type in _SIGNATURES:
        if content.startswith(signature):
            return media_type
    raise InvalidValue("证据须为 PDF、JPEG 或 PNG 文件", field="file")


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass(eq=False)
class EvidenceDocument:
    """Written once, beside the case that lists it."""

    id: UUID
    case_id: UUID
    kind: str
    media_type: str
    size_bytes: int
    sha256: str
    filename_cipher: bytes = field(repr=False)
    content_cipher: bytes = field(repr=False)
    version: int = 1
    events: list[RecordedEvent] = field(default_factory=list)
    """Always empty: the case records the document's attachment in its own history."""
