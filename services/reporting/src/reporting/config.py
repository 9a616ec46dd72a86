"""Reporting settings: the kit's settings plus what only this service needs."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from shared.bus import ConsumerSpec
from shared.settings import ServiceSettings

SERVICE_NAME = "reporting"
SCHEMA = "reporting"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"

MEMBERSHIP_CONSUMER = ConsumerSpec(
    stream="MEMBERSHIP", durable="reporting-membership", filter_subjects=["membership.>"]
)
"""The durable consumer feeding the membership read models."""

ASSISTANCE_CONSUMER = ConsumerSpec(
    stream="ASSISTANCE", durable="reporting-assistance", filter_subjects=["assistance.>"]
)
"""The durable consumer feeding the hardship assistance read models."""

DISPUTES_CONSUMER = ConsumerSpec(
    stream="DISPUTES", durable="reporting-disputes", filter_subjects=["disputes.>"]
)
"""The durable consumer feeding the dispute-mediation read models."""
TRAINING_CONSUMER = ConsumerSpec(
    stream="TRAINING", durable="reporting-training", filter_subjects=["training.>"]
)
"""The durable consumer feeding the training and employment read models."""


class ReportingSettings(ServiceSettings):
    """Environment variables of the reporting service (see the service README)."""

    consumer_batch_size: int = Field(default=256, ge=1)
    rebuild_batch_size: int = Field(default=4_000, ge=1)
