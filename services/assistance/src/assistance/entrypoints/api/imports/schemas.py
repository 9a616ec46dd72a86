"""Bodies of the import API."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import Field
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


class ImportSummaryOut(ApiModel):
    """A job in the list of recent imports: its counts, without the row errors."""

    id: UUID
    kind: ImportKindName
    filename: str
    status: ImportStatus = Field(description="排队中、导入中、已完成、部分行有误或失败")
    total_rows: int
    processed_rows: int
    imported_rows: int
    failed_rows: int
    error_count: int
    failure_reason: str | None
    batch_id: UUID | None
    requested_by: str = Field(description="上传人（令牌主体）")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
