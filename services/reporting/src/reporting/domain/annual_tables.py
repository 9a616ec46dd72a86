"""The tables of the annual statistical report (工会统计年报), in the platform's numbering.

表号 ``工年统N表`` are the platform's own, as the other report forms' are (``report_form``).
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.registration_types import OWNERSHIP_CLASSES

from reporting.domain.annual_report import (
    UNKNOWN,
    AnnualCell,
    AnnualTable,
    Filter,
    Heading,
    Indicator,
    Source,
)
from reporting.domain.assistance_figures import PROGRAMME_LABELS
from reporting.domain.employer_breakdown import band_labels

KIND_LABELS = {
    "city_federation": "市总工会",
    "district_federation": "区（县）总工会",
    "street_federation": "街道（乡镇）总工会",
    "community_federation": "社区工会联合会",
    "building_federation": "楼宇工会联合会",
    "industry_federation": "行业工会联合会",
    "village_federation": "村级工会联合会",
    "market_union": "市场工会",
    "grassroots_union": "基层工会",
    "union_group": "工会小组",
}
PARTY_LABELS = {
    "own_union": "单独签订（本单位工会）",
    "regional_union": "区域性集体合同",
    "industry_union": "行业性集体合同",
}


def _row(key: str, label: str, group: str | None = None) -> Heading:
    return Heading(key, label, group)


def organisations_table() -> AnnualTable:
    """基层工会组织情况: organisations existing at the stock date by kind and mode, committees."""
    rows = (
        _row("total", "工会组织合计"),
        *(_row(kind, label, "按组织类别") for kind, label in KIND_LABELS.items()),
        _row("single", "独立建会", "基层工会建会方式"),
        _row("joint", "联合基层工会", "基层工会建会方式"),
    )
    columns = (Heading("organisations", "组织数"),
               Heading("committees", "工会委员会数", "在任工会委员会"),
               Heading("members_seated", "委员人数", "在任工会委员会"))  # fmt: skip
    cells = [
        AnnualCell("total", "organisations", Indicator("organisations", "count")),
        AnnualCell("total", "committees", Indicator("committees", "count")),
        AnnualCell("total", "members_seated", Indicator("committees", "members_seated")),
        *(AnnualCell(kind, "organisations", Indicator("organisations", "count", (("kind", kind),)))
          for kind in KIND_LABELS),
        *(AnnualCell(mode, "organisations",
                     Indicator("organisations", "count", (("kind", "grassroots_union"),
                                                          ("mode", mode))))
          for mode in ("single", "joint")),
    ]  # fmt: skip
    return AnnualTable("organisations", "工年统1表", "基层工会组织情况", "个、人", "statistics",
                       rows, columns, tuple(cells))  # fmt: skip


_EMPLOYER_MEASURES = (
    ("employers", "单位数", None),
    ("workers", "职工数", None),
    ("covered_employers", "单位数", "已建工会"),
    ("covered_workers", "职工数", "已建工会"),
    ("coverage_rate", "建会率(%)", None),
)


def employers_table(bounds: Sequence[int]) -> AnnualTable:
    """企业及职工建会情况: employers, workers, those with a union and 建会率, by class and size."""
    groups: list[tuple[str, str, str | None, tuple[Filter, ...]]] = [
        ("total", "全部单位", None, ()),
        ("enterprises", "其中：企业", None, (("scope", "enterprises"),)),
    ]
    for key, label in [*OWNERSHIP_CLASSES.items(), (UNKNOWN, "未分类")]:
        groups.append((f"class_{key}", label, "按登记注册类型", (("ownership_class", key),)))
    bands: list[tuple[str | int, str]] = [*enumerate(band_labels(bounds)), (UNKNOWN, "未排摸")]
    for band, label in bands:
        groups.append((f"band_{band}", label, "按职工人数", (("band", band),)))
    rows = tuple(_row(key, label, group) for key, label, group, _ in groups)
    columns = tuple(Heading(key, label, group) for key, label, group in _EMPLOYER_MEASURES)
    cells = tuple(
        AnnualCell(row, column.key, Indicator("employers", column.key, filters))
        for row, _, _, filters in groups
        for column in columns
    )
    return AnnualTable("employers", "工年统2表", "企业及职工建会情况", "个、人", "statistics",
                       rows, columns, cells)  # fmt: skip


def members_table() -> AnnualTable:
    """会员情况: members at the stock date (of whom women and migrant workers, with the members
    whose sex or status is not known: admitted before the platform knew it), admitted in the
    year, and the census's women and migrant workers, whose unknown counts are the employers
    whose census left them unknown (情况不明: people for members, employers for the census)."""
    counted: list[tuple[str, str, Source, str]] = [
        ("active", "年末会员数（含下级）", "members", "active"),
        ("own_active", "其中：本级", "own_members", "active"),
        ("active_female", "其中：女性", "members", "active_female"),
        ("active_migrant", "其中：农民工", "members", "active_migrant"),
        ("retained", "保留会籍会员", "members", "retained"),
        ("admitted", "本年新发展会员", "members", "admitted"),
        ("admitted_female", "其中：女性", "members", "admitted_female"),
        ("admitted_migrant", "其中：农民工", "members", "admitted_migrant"),
        ("left", "本年退会", "members", "members_left"),
        ("workers", "职工数（排摸）", "employers", "workers"),
        ("women", "其中：女职工", "employers", "women_workers"),
        ("migrant", "其中：农民工", "employers", "migrant_workers"),
    ]
    rows = tuple(_row(key, label) for key, label, _, _ in counted)
    columns = (Heading("people", "人数"), Heading("unknown", "情况不明"))
    cells = [AnnualCell(key, "people", Indicator(source, measure))
             for key, _, source, measure in counted]  # fmt: skip
    cells += [
        AnnualCell("active_female", "unknown", Indicator("members", "active_sex_unknown")),
        AnnualCell("active_migrant", "unknown", Indicator("members", "active_migrant_unknown")),
        AnnualCell("women", "unknown", Indicator("employers", "women_unknown")),
        AnnualCell("migrant", "unknown", Indicator("employers", "migrant_unknown")),
    ]
    return AnnualTable("members", "工年统3表", "会员情况", "人、个", "statistics",
                       rows, columns, tuple(cells))  # fmt: skip


def contracts_table() -> AnnualTable:
    """集体合同: in force at the stock date and signed in the year, by signing party."""
    parties = [(key, label, (("party", key),)) for key, label in PARTY_LABELS.items()]
    rows = tuple(_row(key, label) for key, label, _ in [("total", "合计", ()), *parties])
    columns: list[Heading] = []
    cells: list[AnnualCell] = []
    for source, group in (("contracts_in_force", "年末有效"), ("contracts_signed", "本年新签")):
        prefix = "in_force" if source == "contracts_in_force" else "signed"
        for measure, label in (("contracts", "份数"), ("employers_covered", "覆盖单位数"),
                               ("workers_covered", "覆盖职工数")):  # fmt: skip
            column = f"{prefix}_{measure}"
            columns.append(Heading(column, label, group))
            for row, _, filters in [("total", "", ()), *parties]:
                indicator = Indicator(source, measure, filters)  # type: ignore[arg-type]
                cells.append(AnnualCell(row, column, indicator))
    return AnnualTable("contracts", "工年统4表", "集体合同", "份、个、人", "statistics",
                       rows, tuple(columns), tuple(cells))  # fmt: skip


def hardship_table() -> AnnualTable:
    """困难职工帮扶: aid (人次, 人数, 涉及企业, 金额) and visits in the year."""
    rows = (
        _row("aid", "帮扶合计"),
        *(_row(key, label, "按帮扶项目") for key, label in PROGRAMME_LABELS.items()),
        _row("visits", "走访慰问"),
    )
    columns = (Heading("times", "人次"), Heading("people", "人数"),
               Heading("employers", "涉及企业"), Heading("amount", "金额（元）"))  # fmt: skip
    cells = [
        AnnualCell("aid", "times", Indicator("aid", "payments")),
        AnnualCell("aid", "people", Indicator("aid", "people")),
        AnnualCell("aid", "employers", Indicator("aid", "employers")),
        AnnualCell("aid", "amount", Indicator("aid", "amount")),
        AnnualCell("visits", "times", Indicator("visits", "visits")),
        AnnualCell("visits", "people", Indicator("visits", "people")),
        AnnualCell("visits", "employers", Indicator("visits", "employers")),
    ]
    for key in PROGRAMME_LABELS:
        chosen = (("programme", key),)
        cells += [AnnualCell(key, "times", Indicator("aid", "payments", chosen)),
                  AnnualCell(key, "amount", Indicator("aid", "amount", chosen))]  # fmt: skip
    return AnnualTable("hardship", "工年统5表", "困难职工帮扶", "人次、人、个、元", "assistance",
                       rows, columns, tuple(cells))  # fmt: skip


def disputes_table() -> AnnualTable:
    """劳动争议调解: contacts, cases accepted, settled and closed, legal aid, and the rates."""
    counted = [
        ("contacts", "接待来访", "contacts", "contact_workers"),
        ("accepted", "受理案件", "accepted", "case_workers"),
        ("settled", "调解成功", "settled", None),
        ("closed", "办结", "closed", None),
        ("legal_aid", "法律援助", "legal_aid", None),
    ]
    rows = (*(_row(key, label) for key, label, _, _ in counted),
            _row("closure_rate", "办结率(%)"), _row("settlement_rate", "调解成功率(%)"))  # fmt: skip
    columns = (Heading("cases", "件（次）数"), Heading("workers", "涉及职工"))
    cells = [AnnualCell(key, "cases", Indicator("disputes", measure))
             for key, _, measure, _ in counted]  # fmt: skip
    cells += [AnnualCell(key, "workers", Indicator("disputes", workers))
              for key, _, _, workers in counted if workers]  # fmt: skip
    cells += [AnnualCell(rate, "cases", Indicator("disputes", rate))
              for rate in ("closure_rate", "settlement_rate")]  # fmt: skip
    return AnnualTable("disputes", "工年统6表", "劳动争议调解", "件、人", "disputes",
                       rows, columns, tuple(cells))  # fmt: skip


def training_table() -> AnnualTable:
    """职工培训就业: classes, trainees, completions and certificates, placements."""
    counted = [
        ("classes", "培训期数", "期"),
        ("trainees", "培训人次", "人次"),
        ("completed", "结业人次", "人次"),
        ("certified", "取证人次", "人次"),
        ("placements", "实现就业人数", "人"),
        ("reemployed", "其中：再就业", "人"),
    ]
    rows = tuple(_row(key, f"{label}（{unit}）") for key, label, unit in counted)
    cells = tuple(AnnualCell(key, "count", Indicator("training", key)) for key, _, _ in counted)
    return AnnualTable("training", "工年统7表", "职工培训就业", "期、人次、人", "training",
                       rows, (Heading("count", "数量"),), cells)  # fmt: skip


def annual_tables(bounds: Sequence[int]) -> dict[str, AnnualTable]:
    """Every table of the annual report by code, in the report's order."""
    tables = (organisations_table(), employers_table(bounds), members_table(),
              contracts_table(), hardship_table(), disputes_table(), training_table())  # fmt: skip
    return {table.code: table for table in tables}
