"""SQL repository of employers with their census and union coverage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import asyncpg
from shared.adapters import Connection, insert_many, update_versioned
from shared.tracking import Changed

from membership.adapters.constraints import CONFLICT_RULES
from membership.domain import Census, Coverage, Employer, GrassrootsMode
from membership.service_layer.ports import EmployerRepository

COLUMNS = (
    "id, uscc, name, registration_type, industry, territory_org_id, registered_on, workers, "
    "women, migrant_workers, census_on, covered_by_union_id, coverage_mode, coverage_changed_on, "
    "version, entered_by"
)
# entered_by is written once, by the insert; entered_at is the row's default.
INSERT = (
    f"INSERT INTO employers ({COLUMNS}) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
)
UPDATE = (
    "UPDATE employers SET version = $3, uscc = $4, name = $5, registration_type = $6, "
    "industry = $7, "
    "territory_org_id = $8, registered_on = $9, workers = $10, women = $11, "
    "migrant_workers = $12, census_on = $13, covered_by_union_id = $14, coverage_mode = $15, "
    "coverage_changed_on = $16, updated_at = now() WHERE id = $1 AND version = $2"
)


def to_employer(row: asyncpg.Record | Mapping[str, Any]) -> Employer:
    census = None
    if row["census_on"] is not None:
        census = Census(row["workers"], row["women"], row["migrant_workers"], row["census_on"])
    coverage = None
    if row["covered_by_union_id"] is not None:
        coverage = Coverage(row["covered_by_union_id"], GrassrootsMode(row["coverage_mode"]))
    return Employer(
        id=row["id"],
        uscc=row["uscc"],
        name=row["name"],
        registration_type=row["registration_type"],
        industry=row["industry"],
        territory_org_id=row["territory_org_id"],
        registered_on=row["registered_on"],
        census=census,
        coverage=coverage,
        coverage_changed_on=row["coverage_changed_on"],
        version=row["version"],
        entered_by=row["entered_by"],
    )


def _values(employer: Employer) -> tuple[object, ...]:
    census, coverage = employer.census, employer.coverage
    return (
        employer.uscc,
        employer.name,
        employer.registration_type,
        employer.industry,
        employer.territory_org_id,
        employer.registered_on,
        census.workers if census else 0,
        census.women if census else 0,
        census.migrant_workers if census else 0,
        census.effective_on if census else None,
        coverage.union_id if coverage else None,
        coverage.mode.value if coverage else None,
        employer.coverage_changed_on,
    )


class SqlEmployerRepository(EmployerRepository):
    """Employers in the ``employers`` table of the unit's connection."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn

    def remember(self, employer_id: UUID, row: Mapping[str, Any] | None) -> None:
        """Track an employer read by another statement of this unit (``None``: none)."""
        if row is None:
            self.remember_missing(employer_id)
        else:
            self._track(to_employer(row))

    async def _get(self, aggregate_id: UUID) -> Employer | None:
        row = await self.conn.fetchrow(
            f"SELECT {COLUMNS} FROM employers WHERE id = $1", aggregate_id
        )
        return to_employer(row) if row else None

    async def _get_by_uscc(self, uscc: str) -> Employer | None:
        row = await self.conn.fetchrow(f"SELECT {COLUMNS} FROM employers WHERE uscc = $1", uscc)
        return to_employer(row) if row else None

    async def _covered_by(self, union_id: UUID) -> list[Employer]:
        rows = await self.conn.fetch(
            f"SELECT {COLUMNS} FROM employers WHERE covered_by_union_id = $1", union_id
        )
        return [to_employer(row) for row in rows]

    async def _persist(
        self, added: Sequence[Employer], changed: Sequence[Changed[Employer]]
    ) -> None:
        if added:
            rows = [(e.id, *_values(e), e.version, e.entered_by) for e in added]
            await insert_many(self.conn, INSERT, rows, "该统一社会信用代码的单位", CONFLICT_RULES)
        if changed:
            await update_versioned(
                self.conn,
                UPDATE,
                [
                    (c.aggregate.id, c.loaded_version, c.aggregate.version, *_values(c.aggregate))
                    for c in changed
                ],
                CONFLICT_RULES,
            )
