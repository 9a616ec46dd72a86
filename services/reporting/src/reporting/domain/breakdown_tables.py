"""The breakdowns as report tables: employers by ownership class or size band, organisations by
kind and mode, committees in office, collective contracts by signing party.

Pure layout shared by the dashboard's section and the CSV/XLSX export: one table per
breakdown, its rows in report order, rates as one-decimal percentages (``—`` undefined).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from reporting.domain.breakdowns import GRASSROOTS_MODES, SIGNING_PARTIES, Breakdowns
from reporting.domain.employer_breakdown import EmployerFigures, Group
from reporting.domain.report_table import (
    TOTAL_LABEL,
    UNDEFINED_RATE,
    Cell,
    ReportTable,
    period_label,
)

TableName = Literal["ownership_class", "size_band", "organisations", "committees", "contracts"]
TABLE_NAMES: dict[str, str] = {
    "ownership_class": "单位按所有制类别分组统计表",
    "size_band": "单位按职工人数规模分组统计表",
    "organisations": "工会组织按类别统计表",
    "committees": "在任工会委员会统计表",
    "contracts": "集体合同按签约方统计表",
}
KIND_LABELS = {
    "city_federation": "市总工会", "district_federation": "区总工会",
    "street_federation": "街道总工会", "community_federation": "社区工联会",
    "building_federation": "楼宇工会联合会", "industry_federation": "行业工会联合会",
    "village_federation": "村工会联合会", "market_union": "市场工会",
    "grassroots_union": "基层工会", "union_group": "工会小组",
}  # fmt: skip
MODE_LABELS = {"single": "独立建会", "joint": "联合基层工会", "unknown": "建会方式未记录"}
PARTY_LABELS = {"own_union": "本单位工会", "regional_union": "区域性工会",
                "industry_union": "行业性工会"}  # fmt: skip
ROLE_LABELS = {"chair": "主席", "vice_chair": "副主席", "member": "委员", "audit": "经审委员",
               "women": "女职工委员"}  # fmt: skip
EMPLOYER_HEADERS = ("分组", "单位数", "职工数", "其中女职工", "其中农民工", "已建会单位数",
                    "已建会单位职工数", "建会率(%)")  # fmt: skip
CONTRACT_HEADERS = ("签约方", "在执行合同数", "覆盖单位数", "覆盖职工数", "本期新签数",
                    "新签覆盖单位数", "新签覆盖职工数")  # fmt: skip
COUNT_HEADERS = ("项目", "数量")


def employer_row(label: str, f: EmployerFigures) -> tuple[Cell, ...]:
    """One group's row of the employer tables."""
    rate = f.coverage_rate
    return (label, f.employers, f.workers, f.women_workers, f.migrant_workers,
            f.covered_employers, f.covered_workers, UNDEFINED_RATE if rate is None else rate)  # fmt: skip


def employer_rows(groups: Sequence[Group], total: EmployerFigures) -> tuple[tuple[Cell, ...], ...]:
    """Every group (unknown included when present), then 合计."""
    return (*(employer_row(g.label, g.figures) for g in groups), employer_row(TOTAL_LABEL, total))


def organisation_rows(b: Breakdowns) -> tuple[tuple[Cell, ...], ...]:
    """Each kind present, then the grassroots unions by mode, then 组织总数."""
    o = b.organisations
    kinds = [(KIND_LABELS.get(kind, kind), n) for kind, n in sorted(
        o.by_kind.items(), key=lambda item: list(KIND_LABELS).index(item[0])
        if item[0] in KIND_LABELS else len(KIND_LABELS))]  # fmt: skip
    modes = [*GRASSROOTS_MODES, *(m for m in o.grassroots_by_mode if m not in GRASSROOTS_MODES)]
    by_mode = [
        (f"基层工会：{MODE_LABELS.get(m, m)}", o.grassroots_by_mode.get(m, 0)) for m in modes
    ]
    return (*kinds, *by_mode, ("组织总数", o.total))


def committee_rows(b: Breakdowns) -> tuple[tuple[Cell, ...], ...]:
    """Committees in office and their members, by role, women, full-time."""
    c = b.committees
    roles = [(f"其中{label}", c.by_role.get(role, 0)) for role, label in ROLE_LABELS.items()]
    return (("在任委员会", c.committees), ("委员人数", c.members), *roles,
            ("女性委员", c.women), ("已记录性别的委员", c.sex_recorded), ("专职委员", c.full_time))  # fmt: skip


def contract_rows(b: Breakdowns) -> tuple[tuple[Cell, ...], ...]:
    """One row per signing party, then 合计."""
    rows = []
    for party in (*SIGNING_PARTIES, None):
        force = [b.contracts_in_force[p] for p in SIGNING_PARTIES if party in (None, p)]
        signed = [b.contracts_signed[p] for p in SIGNING_PARTIES if party in (None, p)]
        rows.append((
            TOTAL_LABEL if party is None else PARTY_LABELS[party],
            *(sum(getattr(f, name) for f in found) for found in (force, signed)
              for name in ("contracts", "employers_covered", "workers_covered")),
        ))  # fmt: skip
    return tuple(rows)


def breakdown_table(
    name: TableName,
    organisation: str,
    window: tuple[date, date],
    last_day: date,
    rows: tuple[tuple[Cell, ...], ...],
    own_only: bool = False,
) -> ReportTable:
    """``rows`` under the title of breakdown ``name`` for one organisation and window."""
    label = period_label(window[0], last_day, window[1])
    scope = "（本级）" if own_only else ""
    headers = {"ownership_class": EMPLOYER_HEADERS, "size_band": EMPLOYER_HEADERS,
               "contracts": CONTRACT_HEADERS}.get(name, COUNT_HEADERS)  # fmt: skip
    return ReportTable(title=f"{organisation}{scope} {label} {TABLE_NAMES[name]}",
                       headers=headers, rows=rows,
                       file_stem=f"{organisation}{scope}{label}{TABLE_NAMES[name]}")  # fmt: skip
