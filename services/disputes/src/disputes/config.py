"""Disputes settings: the kit's settings plus what only this service needs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import Field
from shared.bus import (
    DEAD_LETTER_STREAM,
    DISPUTES_STREAM,
    MEMBERSHIP_STREAM,
    ConsumerSpec,
    StreamSpec,
)
from shared.settings import ServiceSettings

from disputes.domain.dating import DEFAULT_HISTORY_FROM

SERVICE_NAME = "disputes"
SCHEMA = "disputes"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"

STREAMS: tuple[StreamSpec, ...] = (DISPUTES_STREAM, DEAD_LETTER_STREAM, MEMBERSHIP_STREAM)
"""DISPUTES (published), DEADLETTER (poison messages) and MEMBERSHIP (consumed; created if
absent — its configuration is the same whichever service provisions it)."""

MEMBERSHIP_CONSUMER = ConsumerSpec(
    stream="MEMBERSHIP", durable="disputes-membership", filter_subjects=["membership.>"]
)
"""Feeds the replica of the organisation tree, the employers and the members."""

CONSUMERS: tuple[ConsumerSpec, ...] = (MEMBERSHIP_CONSUMER,)
"""Every durable consumer this service runs."""


class DisputesSettings(ServiceSettings):
    """Environment variables of the disputes service (see the service README)."""

    consumer_batch_size: int = Field(default=256, ge=1)
    overdue_check_interval_seconds: int = Field(default=3600, ge=0)
    """How often the API process marks accepted cases past their due date; 0 disables it."""
    evidence_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    """The largest evidence document accepted (PDF, JPEG or PNG)."""
    disputes_history_from: date = DEFAULT_HISTORY_FROM
    """The earliest date a past contact, case, warning or legal aid may be given (the first day
    the mediation rooms' paper records are taken in)."""
