"""Assistance settings: the kit's settings plus what only this service needs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import Field
from shared.bus import (
    ASSISTANCE_STREAM,
    DEAD_LETTER_STREAM,
    DISPUTES_STREAM,
    MEMBERSHIP_STREAM,
    TRAINING_STREAM,
    ConsumerSpec,
    StreamSpec,
)
from shared.settings import PersonLinkSettings

from assistance.domain.history import DEFAULT_HISTORY_FROM

SERVICE_NAME = "assistance"
SCHEMA = "assistance"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"

STREAMS: tuple[StreamSpec, ...] = (
    ASSISTANCE_STREAM,
    DEAD_LETTER_STREAM,
    MEMBERSHIP_STREAM,
    DISPUTES_STREAM,
    TRAINING_STREAM,
)
"""ASSISTANCE (published), DEADLETTER (poison messages) and MEMBERSHIP, DISPUTES, TRAINING
(consumed; created if absent — a stream's configuration is the same whichever service
provisions it)."""

MEMBERSHIP_CONSUMER = ConsumerSpec(
    stream="MEMBERSHIP", durable="assistance-membership", filter_subjects=["membership.>"]
)
"""Feeds the organisation and member replica (and the membership-driven file rules)."""

PAYMENTS_CONSUMER = ConsumerSpec(
    stream="ASSISTANCE",
    durable="assistance-payments",
    filter_subjects=["assistance.application.approved.>"],
)
"""Creates the payment order of each approved application, exactly once."""

DISPUTES_CONSUMER = ConsumerSpec(
    stream="DISPUTES",
    durable="assistance-disputes",
    filter_subjects=[
        "disputes.case.settled.>",
        "disputes.case.failed.>",
        "disputes.case.arbitration_decided.>",
    ],
)
"""The end of a member's wage-arrears or work-injury dispute: flag their file, or suggest one."""

TRAINING_CONSUMER = ConsumerSpec(
    stream="TRAINING",
    durable="assistance-training",
    filter_subjects=["training.placement.recorded.>"],
)
"""A placement (实现就业/再就业) of a head or family member: flag the file for review."""

CONSUMERS: tuple[ConsumerSpec, ...] = (
    MEMBERSHIP_CONSUMER,
    PAYMENTS_CONSUMER,
    DISPUTES_CONSUMER,
    TRAINING_CONSUMER,
)
"""Every durable consumer this service runs: provisioned by ``assistance provision`` and at
start, run in the API process when ``run_consumers`` is set, reported in ``/readyz``."""


class AssistanceSettings(PersonLinkSettings):
    """Environment variables of the assistance service (see the service README); with the
    person link key, as a placement finds the files its person is on by the link."""

    consumer_batch_size: int = Field(default=256, ge=1)
    payment_batch_chunk_size: int = Field(default=500, ge=1, le=5000)
    """Households paid per transaction by a festival payment batch."""
    overdue_check_interval_seconds: int = Field(default=6 * 3600, ge=0)
    """How often the API process flags files not re-verified for 12 months; 0 disables it."""
    assistance_history_from: date = DEFAULT_HISTORY_FROM
    """The earliest date a visit, application, approval or payment may carry (补录历史)."""
    import_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    """An uploaded import file (批量导入), refused with 413 beyond."""
    import_max_rows: int = Field(default=20_000, ge=1)
    """Data rows of one import file; a larger file is refused (413) or stops its job."""
    import_max_unpacked_bytes: int = Field(default=100 * 1024 * 1024, ge=1024 * 1024)
    """An XLSX import's declared content, all entries added up (refused with 413 beyond)."""
    import_max_compression_ratio: int = Field(default=100, ge=10)
