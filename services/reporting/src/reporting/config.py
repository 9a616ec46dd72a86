"""Reporting settings: the kit's settings plus what only this service needs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import NoDecode
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
    size_bands: Annotated[tuple[int, ...], NoDecode] = (25, 50, 100, 200, 500, 1000)
    """SIZE_BANDS: the staff-size bands' lower bounds after the first, ascending and comma
    separated; the default gives <25, 25–49, 50–99, 100–199, 200–499, 500–999 and ≥1000."""

    @field_validator("size_bands", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(int(part) for part in value.split(",") if part.strip())
        return value

    @field_validator("size_bands")
    @classmethod
    def _ascending(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(low <= 0 for low in value) or list(value) != sorted(set(value)):
            raise ValueError("size bands must be positive and strictly ascending")
        return value
