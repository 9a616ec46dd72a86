"""CloudEvents 1.0 structured JSON envelope with UnionHub's extensions."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


def _now() -> datetime:
    return datetime.now(UTC)


class CloudEvent(BaseModel):
    """A CloudEvents 1.0 envelope.

    Extensions (lower-case, as the spec requires): ``traceparent``/``tracestate`` (W3C trace
    context), ``correlationid``, ``causationid``, ``dataversion`` (contract version) and
    ``aggregateversion`` (the aggregate's version, so projections ignore older ones).
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    source: str
    type: str
    subject: str | None = None
    time: datetime = Field(default_factory=_now)
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str | None = None
    data: dict[str, Any]
    dataversion: int = 1
    aggregateversion: int = 0
    traceparent: str | None = None
    tracestate: str | None = None
    correlationid: str | None = None
    causationid: str | None = None

    @property
    def nats_subject(self) -> str:
        """The NATS subject: ``<type>.v<version>``, e.g. ``membership.member.admitted.v1``."""
        return f"{self.type}.v{self.dataversion}"
