"""Training settings: the kit's settings plus what only this service needs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import Field
from shared.bus import (
    DEAD_LETTER_STREAM,
    MEMBERSHIP_STREAM,
    TRAINING_STREAM,
    ConsumerSpec,
    StreamSpec,
)
from shared.settings import PersonLinkSettings

from training.domain.dating import DEFAULT_HISTORY_FROM

SERVICE_NAME = "training"
SCHEMA = "training"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"

STREAMS: tuple[StreamSpec, ...] = (TRAINING_STREAM, DEAD_LETTER_STREAM, MEMBERSHIP_STREAM)
"""TRAINING (published), DEADLETTER (poison messages) and MEMBERSHIP (consumed; created if
absent — its configuration is the same whichever service provisions it)."""

MEMBERSHIP_CONSUMER = ConsumerSpec(
    stream="MEMBERSHIP", durable="training-membership", filter_subjects=["membership.>"]
)
"""Feeds the replica of organisations, employers and member statuses."""

CONSUMERS: tuple[ConsumerSpec, ...] = (MEMBERSHIP_CONSUMER,)
"""Every durable consumer this service runs."""


class TrainingSettings(PersonLinkSettings):
    """Environment variables of the training service (see the service README); with the
    person link key, as placements carry the placed person's link."""

    consumer_batch_size: int = Field(default=256, ge=1)
    attendance_import_max_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    """Largest sign-in sheet (CSV or XLSX) accepted by an attendance import."""
    attendance_import_max_rows: int = Field(default=20_000, ge=1)
    """Most rows an attendance import reads."""
    attendance_import_chunk_rows: int = Field(default=1000, ge=1, le=10_000)
    """Rows applied per transaction by an attendance import (progress moves chunk by chunk)."""
    certificate_checks_per_minute: int = Field(default=30, ge=1, le=10_000)
    """Public certificate checks one client address may make per minute, so numbers cannot
    be guessed by the thousand (each process counts its own; the Ingress limits too)."""
    training_history_from: date = DEFAULT_HISTORY_FROM
    """The earliest date a past class, enrolment, attendance, completion or placement may be
    given (the first day the centre's paper records are taken in)."""
