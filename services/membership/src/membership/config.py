"""Membership settings: the kit's settings plus what only this service needs."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from shared.bus import DEAD_LETTER_STREAM, MEMBERSHIP_STREAM
from shared.settings import ServiceSettings

SERVICE_NAME = "membership"
SCHEMA = "membership"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
STREAMS = (MEMBERSHIP_STREAM, DEAD_LETTER_STREAM)
"""The streams this service provisions: the one it publishes to and the dead letters."""


class MembershipSettings(ServiceSettings):
    """Environment variables of the membership service (see the service README)."""

    roster_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    roster_max_rows: int = Field(default=200_000, ge=1)
    roster_max_unpacked_bytes: int = Field(default=200 * 1024 * 1024, ge=1024 * 1024)
    """An XLSX roster's declared content, all entries added up (refused with 413 beyond)."""
    roster_max_compression_ratio: int = Field(default=100, ge=10)
    """How many times any entry of 1 MiB or more may expand (a zip bomb expands ~1,000×)."""
