"""The state of a bulk import job: its status, its running totals, and a whole-file stop."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from shared.imports.cells import RowError

__all__ = ["MAX_STORED_ERRORS", "ImportAborted", "ImportStatus", "ImportTally", "percent_done"]

MAX_STORED_ERRORS = 1000
"""Errors kept on a job for display; ``error_count`` still counts them all."""


class ImportStatus(StrEnum):
    """Where a job is: ``completed_with_errors`` when some rows were refused, ``failed`` when
    the file as a whole could not go on."""

    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    COMPLETED_WITH_ERRORS = "completed_with_errors"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        """Whether the job has ended (read to its end, or stopped)."""
        return self in (
            ImportStatus.COMPLETED,
            ImportStatus.COMPLETED_WITH_ERRORS,
            ImportStatus.FAILED,
        )


class ImportAborted(Exception):
    """The file as a whole cannot be imported further; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ImportTally:
    """Running totals of a job, as stored after each step; at most ``max_stored_errors`` errors
    are kept for display."""

    processed: int = 0
    imported: int = 0
    failed: int = 0
    error_count: int = 0
    stored_errors: int = 0
    max_stored_errors: int = MAX_STORED_ERRORS

    def add(self, rows: int, imported: int, errors: Sequence[RowError]) -> list[RowError]:
        """Count ``rows`` read, ``imported`` of them written and their ``errors``.

        Returns:
            The errors still fitting under ``max_stored_errors``, to store with the job.
        """
        kept = list(errors[: max(self.max_stored_errors - self.stored_errors, 0)])
        self.processed += rows
        self.imported += imported
        self.failed += len({error.row for error in errors})
        self.error_count += len(errors)
        self.stored_errors += len(kept)
        return kept

    @property
    def outcome(self) -> ImportStatus:
        """The status of a job read to its end with these totals."""
        return ImportStatus.COMPLETED_WITH_ERRORS if self.error_count else ImportStatus.COMPLETED


def percent_done(status: str, processed: int, total: int) -> float:
    """Progress for display: 100 once completed, else processed over the estimated total."""
    if status in (ImportStatus.COMPLETED, ImportStatus.COMPLETED_WITH_ERRORS):
        return 100.0
    return round(min(processed / total, 1.0) * 100, 1) if total else 0.0
