"""Bodies of the import API."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from shared.http.fields import ApiModel
from shared.imports.jobs import ImportStatus

from assistance.service_layer.imports.kinds import ImportKindName


class RowErrorOut(ApiModel):
    row: int
    column: str
    message: str


class ImportAccepted(ApiModel):
    id: UUID
    kind: ImportKindName
    status: ImportStatus
    filename: str
    total_rows: int
    batch_id: UUID | None = None


class ImportOut(ApiModel):
    id: UUID
    kind: ImportKindName
    filename: str
    status: ImportStatus
    percent: float
    total_rows: int
    processed_rows: int
    imported_rows: int
    failed_rows: int
    error_count: int
    errors: list[RowErrorOut]
    errors_truncated: bool
    failure_reason: str | None
    batch_id: UUID | None
    requested_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
