"""Ports of bulk imports: the look-ups rows need and the job's store."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from shared.imports.cells import RowError
from shared.imports.jobs import ImportStatus, ImportTally

if TYPE_CHECKING:
    from assistance.service_layer.ports import AbstractUnitOfWork


class Lookups(Protocol):
    """What a sheet names, found by what a cadre can copy into a cell."""

    async def household_of_head(self, id_number_index: str) -> UUID | None:
        """The active file (draft to filed) headed by the person with this blind index."""
        ...

    async def enrolment_of(self, member_id: UUID, scheme_year: int) -> UUID | None:
        """The member's insurance enrolment for the scheme year."""
        ...

    async def household_in_scope(
        self, id_number_index: str, scope_root: UUID | None
    ) -> UUID | None:
        """The active file headed by this person, provided it lies under ``scope_root``."""
        ...


class RowTransaction(Protocol):
    """One row's transaction: its commands' units of work and the job's progress, committed
    together."""

    def unit_of_work(self) -> AbstractUnitOfWork:
        """A unit of work inside this transaction, for one command."""
        ...

    async def record_progress(self, job_id: UUID, tally: ImportTally) -> None: ...


class ImportStore(Lookups, Protocol):
    """Where a job keeps its state, and the transactions its rows run in."""

    async def mark_running(self, job_id: UUID) -> None: ...

    def row_transaction(self) -> AbstractAsyncContextManager[RowTransaction]:
        """A transaction committed when the block exits normally, rolled back otherwise."""
        ...

    async def record_errors(
        self, job_id: UUID, tally: ImportTally, errors: Sequence[RowError]
    ) -> None:
        """Store ``tally`` and append ``errors`` (a refused row: nothing else is written)."""
        ...

    async def mark_finished(
        self, job_id: UUID, status: ImportStatus, *, failure_reason: str | None = None
    ) -> None: ...
