"""Employer events → the employer's territory, census versions and coverage versions.

An employer counts from the earliest date any of its facts takes effect: a census is often
dated before the employer was entered in the system, and it is the census that counts. Its
territory is the one named by its newest version, whichever version arrived last.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeAlias
from uuid import UUID

import asyncpg
from shared.contracts import membership as contracts

from reporting.adapters.projections import totals
from reporting.adapters.projections.columns import columns
from reporting.adapters.rebuild import deferral

Conn: TypeAlias = "asyncpg.Connection[Any]"
EmployerEvent: TypeAlias = (
    "contracts.EmployerRegistered | contracts.EmployerReclassified"
    " | contracts.EmployerCensusUpdated | contracts.EmployerCoverageChanged"
)

# The class columns come from the newest version that set them (class_version; 0: none did).
_NEWER_CLASS = "WHEN EXCLUDED.class_version > e.class_version THEN EXCLUDED.{0} ELSE e.{0} END"
_UPSERT_EMPLOYERS_SQL = (
    "INSERT INTO employers AS e (employer_id, territory_org_id, registered_on, version,"
    " registration_type, ownership_class, name, class_version)"
    " SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::bigint[], $5::text[],"
    " $6::text[], $7::text[], $8::bigint[])"
    " ON CONFLICT (employer_id) DO UPDATE SET territory_org_id = CASE"
    " WHEN EXCLUDED.version > e.version THEN EXCLUDED.territory_org_id ELSE e.territory_org_id END,"
    " registered_on = LEAST(e.registered_on, EXCLUDED.registered_on),"
    " version = GREATEST(e.version, EXCLUDED.version),"
    f" registration_type = CASE {_NEWER_CLASS.format('registration_type')},"
    f" ownership_class = CASE {_NEWER_CLASS.format('ownership_class')},"
    " name = coalesce(EXCLUDED.name, e.name),"
    " class_version = GREATEST(e.class_version, EXCLUDED.class_version)"
)
_INSERT_CENSUS_SQL = (
    "INSERT INTO employer_census (employer_id, version, effective_on, territory_org_id,"
    " workers, women, migrant_workers) SELECT * FROM unnest($1::uuid[], $2::bigint[],"
    " $3::date[], $4::uuid[], $5::integer[], $6::integer[], $7::integer[])"
    " ON CONFLICT DO NOTHING"
)
# What each employer adds to its territory's stock, day by day: one employer from its earliest
# fact; its census (the newest version of each date) and its coverage as changes from the
# value before; the values a report reads on a date are the sums of the changes up to it. An
# unknown count (null) adds nothing to its sum and one to the employers it is unknown for.
STOCK_CHANGES_SQL = """
WITH e AS (
    SELECT employer_id, territory_org_id, registered_on FROM employers
    WHERE employer_id = ANY($1::uuid[])
), census AS (
    SELECT DISTINCT ON (employer_id, effective_on) employer_id, effective_on, workers,
        coalesce(women, 0) AS women, coalesce(migrant_workers, 0) AS migrant_workers,
        (women IS NULL)::int AS women_unknown, (migrant_workers IS NULL)::int AS migrant_unknown
    FROM employer_census WHERE employer_id = ANY($1::uuid[])
    ORDER BY employer_id, effective_on, version DESC
), coverage AS (
    SELECT DISTINCT ON (employer_id, effective_on) employer_id, effective_on, covered::int
    FROM employer_coverage WHERE employer_id = ANY($1::uuid[])
    ORDER BY employer_id, effective_on, version DESC
), changes AS (
    SELECT employer_id, registered_on AS day, 1 AS employers, 0::bigint AS workers,
        0::bigint AS women, 0::bigint AS migrant_workers, 0 AS covered, 0 AS women_unknown,
        0 AS migrant_unknown
    FROM e
    UNION ALL
    SELECT employer_id, effective_on, 0,
        workers - coalesce(lag(workers) OVER w, 0), women - coalesce(lag(women) OVER w, 0),
        migrant_workers - coalesce(lag(migrant_workers) OVER w, 0), 0,
        women_unknown - coalesce(lag(women_unknown) OVER w, 0),
        migrant_unknown - coalesce(lag(migrant_unknown) OVER w, 0)
    FROM census WINDOW w AS (PARTITION BY employer_id ORDER BY effective_on)
    UNION ALL
    SELECT employer_id, effective_on, 0, 0, 0, 0, covered - coalesce(lag(covered) OVER w, 0), 0, 0
    FROM coverage WINDOW w AS (PARTITION BY employer_id ORDER BY effective_on)
)
SELECT e.territory_org_id, c.day, c.employers, c.workers, c.women, c.migrant_workers, c.covered,
    c.women_unknown, c.migrant_unknown
FROM changes c JOIN e USING (employer_id)
"""
_INSERT_COVERAGE_SQL = (
    "INSERT INTO employer_coverage (employer_id, version, effective_on, territory_org_id,"
    " covered) SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::date[], $4::uuid[],"
    " $5::boolean[]) ON CONFLICT DO NOTHING"
)


async def record(conn: Conn, event: EmployerEvent, version: int) -> None:
    """Apply one employer event."""
    await record_all(conn, [(event, version)])


async def record_all(conn: Conn, applied: Sequence[tuple[EmployerEvent, int]]) -> None:
    """Apply ``applied`` (events with their versions, in stream order) and update the totals:
    what the employers added to their territories' stock before is replaced by what they add
    now."""
    if not deferral.derived_now():
        await _write(conn, applied)
        return
    touched = list(dict.fromkeys(event.employer_id for event, _ in applied))
    before = await conn.fetch(STOCK_CHANGES_SQL, touched)
    await _write(conn, applied)
    after = await conn.fetch(STOCK_CHANGES_SQL, touched)
    changes = [(*row[:2], *(-amount for amount in row[2:])) for row in before]
    await totals.add(conn, totals.EMPLOYERS, [*changes, *after])


async def _write(conn: Conn, applied: Sequence[tuple[EmployerEvent, int]]) -> None:
    known: dict[UUID, tuple[UUID, date, int]] = {}
    classed: dict[UUID, tuple[str, str, str | None, int]] = {}
    census: list[tuple[Any, ...]] = []
    coverage: list[tuple[Any, ...]] = []
    for event, version in applied:
        earlier = known.get(event.employer_id)
        if earlier is None:
            known[event.employer_id] = (event.org_id, event.occurred_on, version)
        else:  # the newest version's territory, the earliest date
            territory = event.org_id if version > earlier[2] else earlier[0]
            since = min(earlier[1], event.occurred_on)
            known[event.employer_id] = (territory, since, max(version, earlier[2]))
        at = (event.employer_id, version, event.occurred_on, event.org_id)
        if isinstance(event, contracts.EmployerCensusUpdated):
            census.append((*at, event.workers, event.women, event.migrant_workers))
        elif isinstance(event, contracts.EmployerCoverageChanged):
            coverage.append((*at, event.covered_by_union_id is not None))
        else:
            _classify(classed, event, version)
    unclassed = (None, None, None, 0)
    employers = [
        (employer, *place, *classed.get(employer, unclassed)) for employer, place in known.items()
    ]
    await conn.execute(_UPSERT_EMPLOYERS_SQL, *columns(employers))
    if census:
        await conn.execute(_INSERT_CENSUS_SQL, *columns(census))
    if coverage:
        await conn.execute(_INSERT_COVERAGE_SQL, *columns(coverage))


def _classify(
    classed: dict[UUID, tuple[str, str, str | None, int]],
    event: contracts.EmployerRegistered | contracts.EmployerReclassified,
    version: int,
) -> None:
    """Keep the newest version's class of the batch, and the name a registration gave."""
    earlier = classed.get(event.employer_id)
    name = event.name if isinstance(event, contracts.EmployerRegistered) else None
    if earlier is not None:
        name = name or earlier[2]
        if earlier[3] > version:
            classed[event.employer_id] = (*earlier[:2], name, earlier[3])
            return
    classed[event.employer_id] = (event.registration_type, event.ownership_class, name, version)
