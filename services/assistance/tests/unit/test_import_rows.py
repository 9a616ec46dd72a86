"""Import rows per kind: cells → commands, or exact (row, column, message) errors without PII."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any
from uuid import UUID, uuid4

import pytest
from assistance.service_layer.households.commands import ApproveFile, OpenFile, SubmitFile
from assistance.service_layer.imports.festival import parse_listed
from assistance.service_layer.imports.kinds import KINDS, ImportKindName
from assistance.service_layer.imports.rows import ImportRow, ParsedRow, RowContext, RowErrors
from assistance.service_layer.imports.runner import ImportJob, run_import
from assistance.service_layer.visits.commands import RecordVisit
from shared.imports.cells import RowError
from shared.imports.jobs import ImportStatus, ImportTally
from shared.seedwork import DomainError, InvalidValue

from .fakes import TODAY, FakeProtector, FakeStore, FakeUnitOfWork
from .household_builders import build_world, person

BAD_CHECK_CHAR = person(7)[:17] + ("0" if person(7)[17] != "0" else "1")
CONTEXT = RowContext("officer-1", None, TODAY, FakeProtector())


class Lookups:
    """Look-ups answering from fixed tables."""

    def __init__(self, heads: dict[str, UUID] | None = None) -> None:
        self.heads = heads or {}

    async def household_of_head(self, id_number_index: str) -> UUID | None:
        return self.heads.get(id_number_index)

    async def enrolment_of(self, member_id: UUID, scheme_year: int) -> UUID | None:
        return None


def row(line: int = 2, **cells: str) -> ImportRow:
    return ImportRow(line, cells)


def errors_of(kind: ImportKindName, cells: ImportRow) -> list[RowError]:
    with pytest.raises(RowErrors) as refused:
        KINDS[kind].parse(cells, CONTEXT)
    return refused.value.errors


async def refusal(kind: ImportKindName, parsed: ParsedRow, lookups: Lookups) -> RowError:
    with pytest.raises(DomainError) as refused:
        await parsed.build(lookups)
    return KINDS[kind].handler_error(parsed.line, refused.value)


def visit(**cells: str) -> ImportRow:
    return row(
        **{"head_id_number": person(1), "occasion": "节日", "visited_on": "2025/1/20", **cells}
    )


def household(**cells: str) -> ImportRow:
    base = {
        "head_name": "李明",
        "head_id_number": person(1),
        "level": "深度困难",
        "causes": "疾病、子女就学",
        "income_yuan": "980.5",
        "family": f"配偶:王芳:{person(2)}；子女:李娃",
    }
    return row(**{**base, **cells})


async def test_a_visit_row_becomes_the_single_visit_command() -> None:
    household_id = uuid4()
    lookups = Lookups({FakeProtector().blind_index(person(1)): household_id})
    parsed = KINDS[ImportKindName.VISITS].parse(visit(note="慰问"), CONTEXT)
    (command,) = await parsed.build(lookups)
    assert command == RecordVisit(
        scope_root=None,
        occasion="festival",
        visited_on=TODAY.replace(month=1, day=20),
        recorded_by="officer-1",
        household_id=household_id,
        note="慰问",
        visit_id=command.visit_id,  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"head_id_number": BAD_CHECK_CHAR}, [(2, "户主身份证号", "身份证号校验位错误")]),
        ({"head_id_number": "1.10101199003071E+17"}, [(2, "户主身份证号", "身份证号被 Excel 存成了数字（科学计数法），请将该列设为文本格式后重新填写")]),
        ({"visited_on": "2025-02-30"}, [(2, "走访日期", "走访日期不是有效的日期")]),
        ({"visited_on": "去年春节"}, [(2, "走访日期", "走访日期格式错误，应如 2024-03-01、2024/3/1 或 20240301")]),
        ({"occasion": "探望"}, [(2, "走访事由", "走访事由应为：住院、子女升学、节日、婚嫁、丧事、其他")]),
        ({"head_id_number": "", "member_id": ""}, [(2, "户主身份证号", "须填写户主身份证号或会员编号")]),
        ({"member_id": "M-0001", "visited_on": ""}, [(2, "会员编号", "会员编号格式错误，应为系统中复制的编号"), (2, "走访日期", "走访日期不能为空")]),
    ],
)  # fmt: skip
def test_bad_visit_cells_are_reported_by_row_and_column(
    cells: dict[str, str], expected: list[tuple[int, str, str]]
) -> None:
    errors = errors_of(ImportKindName.VISITS, visit(**cells))
    assert [(e.row, e.column, e.message) for e in errors] == expected


async def test_a_visit_to_a_household_nobody_heads_is_a_row_error() -> None:
    parsed = KINDS[ImportKindName.VISITS].parse(visit(), CONTEXT)
    error = await refusal(ImportKindName.VISITS, parsed, Lookups())
    assert error == RowError(2, "户主身份证号", "困难档案不存在")


async def test_a_household_row_becomes_the_open_file_command_and_filing_when_dated() -> None:
    parsed = KINDS[ImportKindName.HOUSEHOLDS].parse(household(filed_on="2025-03-15"), CONTEXT)
    opened, submitted, approved = await parsed.build(Lookups())
    assert isinstance(opened, OpenFile)
    assert (opened.monthly_income_per_capita_fen, opened.level, opened.causes) == (
        98050,
        "deep",
        ("illness", "child_education"),
    )
    assert [(r.relation, r.name, r.id_number) for r in opened.family] == [
        ("spouse", "王芳", person(2)),
        ("child", "李娃", None),
    ]
    assert submitted == SubmitFile(scope_root=None, household_id=opened.household_id)
    assert approved == ApproveFile(
        scope_root=None,
        household_id=opened.household_id,
        effective_on=TODAY.replace(month=3, day=15),
    )
    undated = KINDS[ImportKindName.HOUSEHOLDS].parse(household(), CONTEXT)
    assert len(await undated.build(Lookups())) == 1


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"income_yuan": "980.505"}, [(2, "家庭月人均收入（元）", "家庭月人均收入应为以元为单位的金额，最多两位小数，如 980 或 980.50")]),
        ({"income_yuan": "九百八十"}, [(2, "家庭月人均收入（元）", "家庭月人均收入应为以元为单位的金额，最多两位小数，如 980 或 980.50")]),
        ({"income_yuan": "-5"}, [(2, "家庭月人均收入（元）", "家庭月人均收入应为以元为单位的金额，最多两位小数，如 980 或 980.50")]),
        ({"head_id_number": "32010219800101"}, [(2, "户主身份证号", "身份证号应为18位")]),
        ({"family": f"配偶:王芳:{person(2)}；子女:李娃:{BAD_CHECK_CHAR}"}, [(2, "家庭成员", "第2位家庭成员：身份证号校验位错误")]),
        ({"family": "王芳"}, [(2, "家庭成员", "第1位家庭成员：应写成“关系:姓名:身份证号”（身份证号可省略）")]),
        ({"causes": "疾病、生病"}, [(2, "致困原因", "致困原因应为：疾病、残疾、子女就学、下岗失业、意外事故、低收入、其他")]),
        ({"level": "", "temporary": "也许"}, [(2, "困难类别", "困难类别应为：深度困难、相对困难、意外致困"), (2, "临时救助", "临时救助应填“是”或“否”")]),
        ({"filed_on": "2025-13-01"}, [(2, "建档日期", "建档日期不是有效的日期")]),
    ],
)  # fmt: skip
def test_bad_household_cells_are_reported_by_row_and_column(
    cells: dict[str, str], expected: list[tuple[int, str, str]]
) -> None:
    errors = errors_of(ImportKindName.HOUSEHOLDS, household(**cells))
    assert [(e.row, e.column, e.message) for e in errors] == expected


def test_a_handlers_error_on_a_family_member_names_the_member_and_the_column() -> None:
    error = InvalidValue("该人员已在另一份有效的困难档案中", field="family[1].id_number")
    assert KINDS[ImportKindName.HOUSEHOLDS].handler_error(7, error) == RowError(
        7, "家庭成员", "第2位家庭成员：该人员已在另一份有效的困难档案中"
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"premium_yuan": "50.5.0"}, [(2, "保费（元）", "保费应为以元为单位的金额，最多两位小数，如 980 或 980.50")]),
        ({"scheme_year": "二〇二五"}, [(2, "保障年度", "保障年度应为整数，如 2025")]),
        ({"enrolled_on": "2025-1"}, [(2, "参保日期", "参保日期格式错误，应如 2024-03-01、2024/3/1 或 20240301")]),
    ],
)  # fmt: skip
def test_bad_enrolment_cells(cells: dict[str, str], expected: list[tuple[int, str, str]]) -> None:
    base = {
        "member_id": str(uuid4()),
        "scheme_year": "2025",
        "premium_yuan": "50",
        "enrolled_on": "2025-01-10",
    }
    errors = errors_of(ImportKindName.INSURANCE_ENROLMENTS, row(**{**base, **cells}))
    assert [(e.row, e.column, e.message) for e in errors] == expected


async def test_a_claim_needs_the_members_enrolment_for_the_year() -> None:
    cells = {"member_id": str(uuid4()), "scheme_year": "2025", "claim_kind": "住院", "amount_yuan": "1,200.50", "paid_on": "20250618"}  # fmt: skip
    parsed = KINDS[ImportKindName.INSURANCE_CLAIMS].parse(row(**cells), CONTEXT)
    error = await refusal(ImportKindName.INSURANCE_CLAIMS, parsed, Lookups())
    assert error == RowError(2, "会员编号", "参保记录不存在")
    bad = errors_of(ImportKindName.INSURANCE_CLAIMS, row(**{**cells, "amount_yuan": "12OO"}))
    assert [(e.column, e.message) for e in bad] == [
        ("报销金额（元）", "报销金额应为以元为单位的金额，最多两位小数，如 980 或 980.50")
    ]


class MemoryImportStore(Lookups):
    """The job's store on the unit tests' fake database."""

    def __init__(self, store: FakeStore) -> None:
        super().__init__()
        self.store = store
        self.statuses: list[tuple[ImportStatus, str | None]] = []
        self.errors: list[RowError] = []
        self.progress: list[ImportTally] = []

    async def household_of_head(self, id_number_index: str) -> UUID | None:
        found = [
            h.id
            for h in self.store.households.values()
            if h.is_open and h.head.id_number_index == id_number_index
        ]
        return found[0] if found else None

    async def mark_running(self, job_id: UUID) -> None:
        self.statuses.append((ImportStatus.RUNNING, None))

    @asynccontextmanager
    async def row_transaction(self) -> AsyncIterator[Any]:
        yield self

    def unit_of_work(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)

    async def record_progress(self, job_id: UUID, tally: ImportTally) -> None:
        self.progress.append(replace(tally))

    async def record_errors(self, job_id: UUID, tally: ImportTally, errors: Any) -> None:
        self.progress.append(replace(tally))
        self.errors.extend(errors)

    async def mark_finished(
        self, job_id: UUID, status: ImportStatus, *, failure_reason: str | None = None
    ) -> None:
        self.statuses.append((status, failure_reason))


async def test_a_file_listing_a_household_twice_imports_it_once_and_reports_the_repeat() -> None:
    store = FakeStore()
    world = build_world(store)
    memory = MemoryImportStore(store)
    context = replace(CONTEXT, scope_root=world.community_a, default_org_id=world.union_a)
    rows = [
        household(),
        replace(household(head_id_number=person(3), family=""), line=3),
        replace(household(head_id_number=person(1).lower(), family=""), line=4),
        replace(household(head_id_number=BAD_CHECK_CHAR), line=5),
    ]
    job = ImportJob(uuid4(), KINDS[ImportKindName.HOUSEHOLDS], max_rows=100)
    tally = await run_import(job, rows, memory, context)
    assert (tally.processed, tally.imported, tally.failed) == (4, 2, 2)
    assert memory.errors == [
        RowError(4, "户主身份证号", "与第2行重复"),
        RowError(5, "户主身份证号", "身份证号校验位错误"),
    ]
    assert memory.statuses[-1] == (ImportStatus.COMPLETED_WITH_ERRORS, None)
    assert {h.org_id for h in store.households.values()} == {world.union_a}
    everything = " ".join(e.message for e in memory.errors)
    assert person(1) not in everything
    assert BAD_CHECK_CHAR not in everything


async def test_more_rows_than_allowed_fails_the_job_keeping_rows_already_imported() -> None:
    store = FakeStore()
    world = build_world(store)
    memory = MemoryImportStore(store)
    context = replace(CONTEXT, scope_root=world.community_a, default_org_id=world.union_a)
    rows = [
        replace(household(head_id_number=person(n), family=""), line=n + 1) for n in range(1, 4)
    ]
    job = ImportJob(uuid4(), KINDS[ImportKindName.HOUSEHOLDS], max_rows=2)
    await run_import(job, rows, memory, context)
    assert memory.statuses[-1] == (ImportStatus.FAILED, "文件超过2行的上限，请拆分后分批导入")
    assert len(store.households) == 2


def test_a_festival_list_row_is_its_heads_blind_index_or_an_exact_error() -> None:
    assert parse_listed(row(head_id_number=person(3)), CONTEXT) == FakeProtector().blind_index(
        person(3)
    )
    with pytest.raises(RowErrors) as refused:
        parse_listed(row(5, head_id_number=BAD_CHECK_CHAR), CONTEXT)
    assert refused.value.errors == [RowError(5, "户主身份证号", "身份证号校验位错误")]
