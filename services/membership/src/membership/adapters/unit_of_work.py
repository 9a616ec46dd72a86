"""Membership's SQL unit of work: its repositories on the unit's connection."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar
from uuid import UUID

from shared.adapters import RepositoryFactory
from shared.outbox import PendingEvent, outbox_insert_cte

from membership.adapters.admission_reads import read_for_admission
from membership.adapters.contracts import SqlContractRepository, SqlTransferRepository
from membership.adapters.employers import SqlEmployerRepository
from membership.adapters.members import COLUMN_NAMES, SqlMemberRepository
from membership.adapters.organisations import SqlOrganisationRepository
from membership.config import SERVICE_NAME
from membership.service_layer.ports import AbstractUnitOfWork
from shared import adapters as kit


class SqlUnitOfWork(kit.SqlUnitOfWork, AbstractUnitOfWork):
    """One PostgreSQL transaction for rows, outbox and idempotency key."""

    SERVICE = SERVICE_NAME
    FACTORIES: ClassVar[Mapping[str, RepositoryFactory]] = {
        "organisations": SqlOrganisationRepository,
        "employers": SqlEmployerRepository,
        "members": SqlMemberRepository,
        "transfers": SqlTransferRepository,
        "contracts": SqlContractRepository,
    }
    organisations: SqlOrganisationRepository
    employers: SqlEmployerRepository
    members: SqlMemberRepository

    async def _flush(self, events: Sequence[PendingEvent]) -> Sequence[PendingEvent]:
        """An admission (one member inserted, nothing else written) carries its events in the
        member's INSERT; any other unit flushes as the kit does."""
        others = (self.organisations, self.employers, self.transfers, self.contracts)
        if not events or self.members.only_added() is None:
            return await super()._flush(events)
        if any(r.has_unwritten_changes() for r in others):
            return await super()._flush(events)
        first_param = len(COLUMN_NAMES) + 1
        await self.members.flush_with_outbox(
            outbox_insert_cte(self.SERVICE, events, first_param=first_param)
        )
        return ()

    async def read_for_admission(
        self, union_id: UUID, employer_id: UUID, id_number_index: str
    ) -> None:
        """One statement for the union, the employer and the current membership."""
        await read_for_admission(
            self.connection,
            self.organisations,
            self.employers,
            self.members,
            union_id=union_id,
            employer_id=employer_id,
            id_number_index=id_number_index,
        )
