"""The set-based chunk write on real PostgreSQL: a chunk with no valid row, a person only the
database knows, a repeat across chunks, and outbox rows the relay can publish as they are."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from uuid import UUID, uuid4

import asyncpg
import orjson
from membership.adapters import organisations
from membership.adapters.roster_reader import RawRow
from membership.adapters.roster_store import SqlRosterChunk, SqlRosterStore
from membership.service_layer.roster_import import RosterJob, import_roster
from membership.service_layer.roster_rows import ALREADY_A_MEMBER
from shared.contracts.envelope import CloudEvent
from shared.identifiers import today_in_china

from .test_roster_import import ADMITTED, Roster, _admit_directly, person
from .test_roster_import import roster as roster  # the fixture

JOINED = "2024-03-01"


class ProgressWatchingStore(SqlRosterStore):
    """Reads the job's committed progress after each chunk's transaction."""

    def __init__(self, pool: asyncpg.Pool[asyncpg.Record], job_id: UUID) -> None:
        super().__init__(pool)
        self.job_id = job_id
        self.seen: list[tuple[int, int, int]] = []

    @asynccontextmanager
    async def chunk(self) -> AsyncIterator[SqlRosterChunk]:
        async with super().chunk() as writer:
            yield writer
        row = await self.pool.fetchrow(
            "SELECT processed_rows, imported_rows, failed_rows FROM roster_imports WHERE id = $1",
            self.job_id,
        )
        assert row is not None
        self.seen.append((row["processed_rows"], row["imported_rows"], row["failed_rows"]))


async def _job(
    roster: Roster, store: SqlRosterStore, rows: int, job_id: UUID | None = None
) -> RosterJob:
    job_id = job_id or uuid4()
    await store.create_job(job_id=job_id, filename="r.csv", union_id=roster.union,
                           employer_id=roster.employer, total_rows=rows, requested_by="t")  # fmt: skip
    [row] = await roster.fetch(
        f"SELECT {organisations.COLUMNS} FROM organisations WHERE id = $1", roster.union
    )
    return RosterJob(job_id, organisations.to_organisation(row), roster.employer, 100)


async def test_chunks_of_bad_rows_database_refusals_and_repeats_are_each_reported_exactly(
    roster: Roster,
) -> None:
    pool, cipher = roster.container.pool, roster.container.cipher
    job_id = uuid4()
    store = ProgressWatchingStore(pool, job_id=job_id)
    job = await _job(roster, store, 8, job_id)
    await _admit_directly(roster, person(1))
    bad_check = person(9)[:-1] + ("0" if person(9)[-1] != "0" else "1")
    rows = [
        RawRow(2, "甲", person(7), "", "农村", JOINED, ""),  # chunk 1: no valid row at all
        RawRow(3, "乙", bad_check, "", "农业", JOINED, ""),
        RawRow(4, "丙", person(8), "", "农业", "2099-01-01", ""),
        RawRow(5, "丁", person(1), "13912345678", "农业", JOINED, ""),  # only the database knows
        RawRow(6, "戊", person(2), "13912345679", "非农业", JOINED, ""),
        RawRow(7, "己", person(3), "", "农业", JOINED, ""),
        RawRow(8, "庚", person(2), "", "农业", JOINED, ""),  # repeats row 6, a chunk later
        RawRow(9, "辛", person(4), "", "非农业", "", ""),
    ]

    tally = await import_roster(job, rows, store, cipher, today=today_in_china(), chunk_rows=3)

    assert (tally.processed, tally.imported, tally.failed) == (8, 3, 5)
    assert store.seen == [(3, 0, 3), (6, 2, 4), (8, 3, 5)]
    [stored] = await roster.fetch("SELECT status, errors FROM roster_imports WHERE id = $1", job_id)
    assert stored["status"] == "completed_with_errors"
    assert [(e["row"], e["column"]) for e in stored["errors"]] == [
        (2, "户口性质"), (3, "身份证号"), (4, "入会日期"), (5, "身份证号"), (8, "身份证号"),
    ]  # fmt: skip
    assert stored["errors"][3]["message"] == ALREADY_A_MEMBER
    assert stored["errors"][4]["message"] == "与第6行身份证号重复"
    admitted = await roster.fetch(
        "SELECT id FROM members WHERE union_id = $1 AND name IN ('戊', '己', '辛')", roster.union
    )
    outbox = await roster.fetch(
        "SELECT subject, event_type, aggregate_id, aggregate_version, payload::text AS payload, "
        "headers::text AS headers FROM outbox ORDER BY position"
    )
    assert sorted(r["aggregate_id"] for r in outbox) == sorted(str(m["id"]) for m in admitted)
    for record in outbox:
        assert (record["subject"], record["event_type"]) == (ADMITTED, "membership.member.admitted")
        assert record["aggregate_version"] == 1
        envelope = CloudEvent.model_validate_json(record["payload"])
        assert envelope.subject == record["aggregate_id"] == envelope.data["member_id"]
        assert envelope.correlationid == str(job_id)
        assert envelope.data["org_id"] == str(roster.union)
        for personal in ("戊", person(2), "13912345679"):
            assert personal not in record["payload"]
        assert isinstance(orjson.loads(record["headers"]), dict)  # the relay restores it


async def test_a_file_of_only_bad_rows_writes_nothing_but_its_errors(roster: Roster) -> None:
    pool, cipher = roster.container.pool, roster.container.cipher
    store = SqlRosterStore(pool)
    job = await _job(roster, store, 2)
    rows = [
        RawRow(2, "", person(5), "", "农业", JOINED, ""),
        RawRow(3, "乙", person(6), "", "", JOINED, ""),
    ]

    tally = await import_roster(job, rows, store, cipher, today=today_in_china(), chunk_rows=2)

    assert (tally.processed, tally.imported, tally.failed) == (2, 0, 2)
    [stored] = await roster.fetch(
        "SELECT status, processed_rows, imported_rows FROM roster_imports WHERE id = $1",
        job.job_id,
    )
    assert tuple(stored) == ("completed_with_errors", 2, 0)
    assert await roster.fetch("SELECT 1 FROM members WHERE union_id = $1", roster.union) == []
    assert await roster.fetch("SELECT 1 FROM outbox") == []
