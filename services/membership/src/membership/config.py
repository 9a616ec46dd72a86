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
