"""SQL repositories of collective contracts and of transfer hand-off records."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from shared.adapters import Connection, insert_many, update_versioned
from shared.tracking import Changed

from membership.domain import (
    CollectiveContract,
    ContractKind,
    ContractStatus,
    SigningParty,
    Transfer,
)
from membership.service_layer.ports import ContractRepository, TransferRepository

INSERT_CONTRACT = (
    "INSERT INTO collective_contracts (id, kind, union_id, signed_on, starts_on, ends_on, "
    "workers_covered, status, terminated_on, version, signing_party) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
)
UPDATE_CONTRACT = (
    "UPDATE collective_contracts SET version = $3, status = $4, terminated_on = $5 "
    "WHERE id = $1 AND version = $2"
)
INSERT_TRANSFER = (
    "INSERT INTO transfers (id, member_id, from_union_id, to_union_id, effective_on, reason, "
    "new_employer_id, handled_by, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
)


class SqlContractRepository(ContractRepository):
    """Collective contracts and the employers each covers."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn

    async def _get(self, aggregate_id: UUID) -> CollectiveContract | None:
        row = await self.conn.fetchrow(
            "SELECT c.*, array(SELECT employer_id FROM collective_contract_employers e "
            "WHERE e.contract_id = c.id ORDER BY employer_id) AS employer_ids "
            "FROM collective_contracts c WHERE c.id = $1",
            aggregate_id,
        )
        if row is None:
            return None
        return CollectiveContract(
            id=row["id"],
            kind=ContractKind(row["kind"]),
            union_id=row["union_id"],
            employer_ids=tuple(row["employer_ids"]),
            workers_covered=row["workers_covered"],
            signed_on=row["signed_on"],
            starts_on=row["starts_on"],
            ends_on=row["ends_on"],
            signing_party=SigningParty(row["signing_party"]),
            status=ContractStatus(row["status"]),
            terminated_on=row["terminated_on"],
            version=row["version"],
        )

    async def _persist(
        self, added: Sequence[CollectiveContract], changed: Sequence[Changed[CollectiveContract]]
    ) -> None:
        if added:
            await insert_many(
                self.conn,
                INSERT_CONTRACT,
                [
                    (
                        c.id,
                        c.kind.value,
                        c.union_id,
                        c.signed_on,
                        c.starts_on,
                        c.ends_on,
                        c.workers_covered,
                        c.status.value,
                        c.terminated_on,
                        c.version,
                        c.signing_party.value,
                    )
                    for c in added
                ],
                "集体合同",
            )
            await self.conn.executemany(
                "INSERT INTO collective_contract_employers (contract_id, employer_id) VALUES ($1, $2)",
                [(c.id, employer_id) for c in added for employer_id in c.employer_ids],
            )
        if changed:
            await update_versioned(
                self.conn,
                UPDATE_CONTRACT,
                [
                    (
                        c.aggregate.id,
                        c.loaded_version,
                        c.aggregate.version,
                        c.aggregate.status.value,
                        c.aggregate.terminated_on,
                    )
                    for c in changed
                ],
            )


class SqlTransferRepository(TransferRepository):
    """Transfer hand-off records, written once."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn

    async def _persist(self, added: Sequence[Transfer]) -> None:
        await self.conn.executemany(
            INSERT_TRANSFER,
            [
                (
                    t.id,
                    t.member_id,
                    t.from_union_id,
                    t.to_union_id,
                    t.effective_on,
                    t.reason.value,
                    t.new_employer_id,
                    t.handled_by,
                    t.note,
                )
                for t in added
            ],
        )
