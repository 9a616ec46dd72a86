"""Roster rows through the domain's rules, and the chunked import over an in-memory store."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID, uuid4

import pytest
from membership.domain import (
    GrassrootsMode,
    HouseholdType,
    Member,
    MemberStatus,
    OrganisationKind,
    OrganisationStatus,
    UnionOrganisation,
)
from membership.service_layer import roster_import
from membership.service_layer.roster_import import (
    INTERNAL_FAILURE,
    INTERRUPTED,
    ImportStatus,
    ImportTally,
    RosterJob,
    import_roster,
)
from membership.service_layer.roster_rows import (
    ALREADY_A_MEMBER,
    Admission,
    AdmissionContext,
    RowError,
    admit_row,
    parse_household_type,
    parse_join_date,
    prepare_chunk,
)
from shared.contracts.membership import MemberAdmitted
from shared.outbox import PendingEvent
from shared.seedwork import InvalidValue

from .builders import id_number
from .fakes import FakeProtector

TODAY = date(2025, 6, 30)
UNION = UnionOrganisation(
    id=uuid4(),
    kind=OrganisationKind.GRASSROOTS_UNION,
    name="甲公司工会",
    parent_id=uuid4(),
    founded_on=date(2010, 1, 1),
    grassroots_mode=GrassrootsMode.SINGLE,
)
EMPLOYER = uuid4()


@dataclass(frozen=True)
class Row:
    line: int
    name: str = "张三"
    id_number: str = ""
    mobile: str = "13812345678"
    household_type: str = "农业"
    joined_on: str = "2024-03-01"
    card_number: str = ""


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def row(line: int, seq: int | None = None, **cells: str) -> Row:
    return Row(line, id_number=id_number(seq if seq is not None else line), **cells)


def context(union: UnionOrganisation = UNION) -> AdmissionContext:
    return AdmissionContext(union, EMPLOYER, TODAY, FakeProtector(), "job-1")


def errors_of(outcome: Admission | list[RowError]) -> list[tuple[int, str, str]]:
    assert isinstance(outcome, list), "expected the row to be refused"
    return [(error.row, error.column, error.message) for error in outcome]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("农业", HouseholdType.AGRICULTURAL),
        ("农业户口", HouseholdType.AGRICULTURAL),
        (" agricultural ", HouseholdType.AGRICULTURAL),
        ("非农业", HouseholdType.NON_AGRICULTURAL),
        ("非农业户口", HouseholdType.NON_AGRICULTURAL),
        ("城镇", HouseholdType.NON_AGRICULTURAL),
        ("non_agricultural", HouseholdType.NON_AGRICULTURAL),
    ],
)
def test_household_type_accepts_the_usual_spellings(text: str, expected: HouseholdType) -> None:
    assert parse_household_type(text) is expected


@pytest.mark.parametrize("text", ["", "农村", "外地"])
def test_household_type_refuses_anything_else(text: str) -> None:
    with pytest.raises(InvalidValue, match="户口性质") as caught:
        parse_household_type(text)
    assert caught.value.field == "household_type"


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-01",
        "2024/3/1",
        "2024.3.1",
        "2024年3月1日",
        "20240301",
        "45352",
        "2024-03-01 00:00:00",
    ],
)
def test_join_date_formats(text: str) -> None:
    assert parse_join_date(text, today=TODAY) == date(2024, 3, 1)


def test_blank_join_date_is_today() -> None:
    assert parse_join_date("  ", today=TODAY) == TODAY


@pytest.mark.parametrize(
    ("text", "message"), [("2024-02-30", "有效"), ("3月1日", "格式"), ("2024", "格式")]
)
def test_bad_join_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        parse_join_date(text, today=TODAY)


def test_valid_row_becomes_an_active_member_with_an_event_free_of_personal_data() -> None:
    number = id_number(3, sex="female", born=date(1992, 4, 9))
    outcome = admit_row(Row(5, name="李四", id_number=number, card_number="HY-7"), context())

    assert isinstance(outcome, Admission)
    member = outcome.member
    assert (member.person.sex, member.person.birth_date) == ("female", date(1992, 4, 9))
    assert member.status is MemberStatus.ACTIVE
    assert member.version == 1
    assert member.status_since == member.joined_on == date(2024, 3, 1)
    assert member.is_migrant_worker
    assert member.card_number == "HY-7"
    assert (member.union_id, member.employer_id) == (UNION.id, EMPLOYER)
    assert member.person.id_number_index == FakeProtector().blind_index(number)
    event = outcome.event
    assert isinstance(event.event, MemberAdmitted)
    assert (event.aggregate_id, event.aggregate_version) == (str(member.id), 1)
    assert (event.event.org_id, event.event.occurred_on) == (UNION.id, date(2024, 3, 1))
    assert event.correlation_id == "job-1"
    payload = event.event.model_dump_json()
    assert "李四" not in payload
    assert number not in payload
    assert "13812345678" not in payload


def test_row_reports_every_independent_fault_with_sheet_row_and_chinese_column() -> None:
    bad = Row(7, id_number="110101199003071235", household_type="农村", joined_on="明天")
    assert errors_of(admit_row(bad, context())) == [
        (7, "身份证号", "身份证号校验位错误"),
        (7, "户口性质", "户口性质应填“农业”或“非农业”"),
        (7, "入会日期", "入会日期格式错误，应如 2024-03-01、2024/3/1 或 20240301"),
    ]


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"name": " "}, "姓名", "姓名不能为空"),
        ({"mobile": "1381234"}, "手机号", "手机号码格式错误"),
        ({"joined_on": "2025-07-01"}, "入会日期", "入会日期不能晚于今天"),
        ({"card_number": "会员证1"}, "会员证号", "会员证号只能包含"),
        ({"id_number": "1.10101E+17"}, "身份证号", "科学计数法"),
    ],
)
def test_domain_rules_name_the_column_at_fault(
    cells: dict[str, str], column: str, message: str
) -> None:
    [(line, found_column, found_message)] = errors_of(
        admit_row(Row(4, **{"id_number": id_number(4), **cells}), context())
    )
    assert (line, found_column) == (4, column)
    assert message in found_message


def test_joining_before_sixteen_is_refused() -> None:
    young = Row(2, id_number=id_number(1, born=date(2010, 1, 1)), joined_on="2025-06-01")
    assert errors_of(admit_row(young, context())) == [(2, "入会日期", "入会时须年满16周岁")]


def test_second_listing_of_a_person_is_reported_against_the_first() -> None:
    seen: dict[str, int] = {}
    first = prepare_chunk([row(2, 1), row(3, 2)], context(), seen)
    second = prepare_chunk([row(9, 1), row(10, 3)], context(), seen)
    assert [a.line for a in first.admissions + second.admissions] == [2, 3, 10]
    assert second.errors == [RowError(9, "身份证号", "与第2行身份证号重复")]


class MemoryChunk:
    def __init__(self, store: MemoryRosterStore) -> None:
        self.store = store
        self.members: list[Member] = []
        self.outbox: list[PendingEvent] = []
        self.progress: tuple[ImportTally, list[RowError]] | None = None

    async def insert_admissions(self, admissions: Sequence[Admission]) -> set[int]:
        assert self.store.staged_on_loop is False, "a chunk is staged in the worker thread"
        refused = self.store.current | self.store.racing
        fresh = [a for a in admissions if a.id_number_index not in refused]
        self.members.extend(a.member for a in fresh)
        self.outbox.extend(a.event for a in fresh)
        return {a.line for a in admissions if a.id_number_index in refused}

    async def record_progress(
        self, job_id: UUID, tally: ImportTally, new_errors: Sequence[RowError]
    ) -> None:
        self.progress = (replace(tally), list(new_errors))  # a snapshot: the tally runs on


class MemoryRosterStore:
    """Members indexed as current before the import, and those admitted concurrently."""

    def __init__(self, current: Iterable[str] = (), racing: Iterable[str] = ()) -> None:
        self.current, self.racing = set(current), set(racing)
        self.members: list[Member] = []
        self.outbox: list[PendingEvent] = []
        self.progress: list[tuple[ImportTally, list[RowError]]] = []
        self.statuses: list[tuple[str, str | None]] = []
        self.fail_on_chunk: int | None = None
        self.staged_on_loop: bool | None = None

    def stage(self, admissions: Sequence[Admission]) -> Sequence[Admission]:
        self.staged_on_loop = _on_event_loop()
        return admissions

    async def mark_running(self, job_id: UUID) -> None:
        self.statuses.append((ImportStatus.RUNNING, None))

    @asynccontextmanager
    async def chunk(self) -> AsyncIterator[MemoryChunk]:
        if self.fail_on_chunk == len(self.progress):
            raise ConnectionError("database went away")
        writer = MemoryChunk(self)
        yield writer
        assert writer.progress is not None, "every chunk records its progress"
        self.members.extend(writer.members)
        self.outbox.extend(writer.outbox)
        self.progress.append(writer.progress)

    async def mark_finished(
        self, job_id: UUID, status: ImportStatus, *, failure_reason: str | None = None
    ) -> None:
        self.statuses.append((status, failure_reason))


def job(union: UnionOrganisation = UNION, max_rows: int = 1000) -> RosterJob:
    return RosterJob(uuid4(), union, EMPLOYER, max_rows)


async def run(
    store: MemoryRosterStore, rows: list[Row], target: RosterJob | None = None
) -> roster_import.ImportTally:
    target = target or job()
    return await import_roster(target, rows, store, FakeProtector(), today=TODAY, chunk_rows=4)


async def test_import_writes_chunks_with_progress_and_counts_every_kind_of_refusal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(roster_import, "MAX_STORED_ERRORS", 3)
    index = FakeProtector().blind_index
    store = MemoryRosterStore(current={index(id_number(5))}, racing={index(id_number(8))})
    rows = [row(line, line) for line in range(2, 12)]  # rows 2..11 in chunks of 4, 4, 2
    rows[2] = replace(rows[2], household_type="")  # row 4
    rows[9] = row(11, 2)  # row 11 repeats row 2's person

    tally = await run(store, rows)

    assert (tally.processed, tally.imported, tally.failed, tally.error_count) == (10, 6, 4, 4)
    assert [event.aggregate_id for event in store.outbox] == [str(m.id) for m in store.members]
    assert [snapshot.processed for snapshot, _ in store.progress] == [4, 8, 10]
    assert [snapshot.imported for snapshot, _ in store.progress] == [2, 5, 6]
    stored = [error.to_json() for _, errors in store.progress for error in errors]
    assert stored == [
        {"row": 4, "column": "户口性质", "message": "户口性质应填“农业”或“非农业”"},
        {"row": 5, "column": "身份证号", "message": ALREADY_A_MEMBER},
        {"row": 8, "column": "身份证号", "message": ALREADY_A_MEMBER},
    ]  # row 11's duplicate counted but beyond the cap of 3
    assert store.progress[-1][0].error_count == 4
    assert store.statuses == [
        (ImportStatus.RUNNING, None),
        (ImportStatus.COMPLETED_WITH_ERRORS, None),
    ]


async def test_too_many_rows_fails_the_job_keeping_chunks_already_written() -> None:
    store = MemoryRosterStore()
    await run(store, [row(line) for line in range(2, 12)], job(max_rows=6))
    assert len(store.members) == 4
    assert store.statuses[-1] == (ImportStatus.FAILED, "文件超过6行的上限，请拆分后分批导入")


async def test_dissolved_union_fails_the_job_before_any_write() -> None:
    dissolved = replace(UNION, status=OrganisationStatus.DISSOLVED)
    store = MemoryRosterStore()
    await run(store, [row(2)], job(dissolved))
    assert store.members == []
    assert store.progress == []
    status, reason = store.statuses[-1]
    assert status is ImportStatus.FAILED
    assert reason


async def test_unexpected_failure_marks_the_job_failed_and_propagates() -> None:
    store = MemoryRosterStore()
    store.fail_on_chunk = 1
    with pytest.raises(ConnectionError):
        await run(store, [row(line) for line in range(2, 12)])
    assert len(store.members) == 4
    assert store.statuses[-1] == (ImportStatus.FAILED, INTERNAL_FAILURE)


class StallingStore(MemoryRosterStore):
    """Holds the first chunk's transaction open until the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.entered, self.release = asyncio.Event(), asyncio.Event()

    @asynccontextmanager
    async def chunk(self) -> AsyncIterator[MemoryChunk]:
        self.entered.set()
        await self.release.wait()
        async with super().chunk() as writer:
            yield writer


async def test_cancelled_import_is_marked_interrupted() -> None:
    store = StallingStore()
    task = asyncio.create_task(run(store, [row(line) for line in range(2, 12)]))
    await store.entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert store.members == []
    assert store.statuses[-1] == (ImportStatus.FAILED, INTERRUPTED)
