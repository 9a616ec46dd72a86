"""A bulk import job run to its end: every way it can stop leaves the job finished.

Every service's import runs its rows the same way between ``running`` and its end: read to
the end it is ``completed`` (``completed_with_errors`` when rows were refused); a whole-file
stop (:class:`~shared.imports.jobs.ImportAborted`, or the service's own refusals) ends it
``failed`` with the Chinese reason; the service stopping or a fault marks it ``failed`` with
the service's own wording before the exception goes on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from shared.imports.jobs import ImportAborted, ImportStatus

__all__ = ["JobStore", "StopReasons", "run_to_end"]

logger = logging.getLogger(__name__)


class JobStore(Protocol):
    """Where a job's status is kept."""

    async def mark_running(self, job_id: UUID) -> None: ...

    async def mark_finished(
        self, job_id: UUID, status: ImportStatus, *, failure_reason: str | None = None
    ) -> None: ...


@dataclass(frozen=True)
class StopReasons:
    """What a job stopped by the service says to the person who uploaded it."""

    interrupted: str
    """The service stopped (a restart) while the job ran."""
    internal_failure: str
    """Something unexpected failed."""


async def run_to_end(
    store: JobStore,
    job_id: UUID,
    work: Callable[[], Awaitable[ImportStatus]],
    reasons: StopReasons,
    *,
    stops: tuple[type[Exception], ...] = (ImportAborted,),
) -> bool:
    """Mark the job running, run ``work`` and mark the job finished however it ends.

    Args:
        work: reads and writes the rows; returns the status of a job read to its end.
        stops: exceptions that stop the whole file; their ``message`` is the job's reason.

    Returns:
        Whether the job was read to its end (False: it was stopped and is ``failed``).

    Raises:
        Exception: anything unexpected (and cancellation), after the job was marked failed.
    """
    await store.mark_running(job_id)
    try:
        status = await work()
    except stops as error:
        reason = getattr(error, "message", str(error))
        await store.mark_finished(job_id, ImportStatus.FAILED, failure_reason=reason)
        return False
    except asyncio.CancelledError:
        await _fail_quietly(store, job_id, reasons.interrupted)
        raise
    except Exception:
        await _fail_quietly(store, job_id, reasons.internal_failure)
        raise
    await store.mark_finished(job_id, status)
    return True


async def _fail_quietly(store: JobStore, job_id: UUID, reason: str) -> None:
    try:
        await store.mark_finished(job_id, ImportStatus.FAILED, failure_reason=reason)
    except Exception:
        logger.warning("could not mark import %s failed", job_id, exc_info=True)
