"""Employers with their census, and the grassroots unions covering most of them."""

from __future__ import annotations

import random
from datetime import date, timedelta

from shared.identifiers import make_uscc
from shared.registration_types import ownership_class

from demo import names
from demo.plan import Census, EmployerPlan, OrgPlan, Plan, random_day

COVERED_SHARE = (0.85, 0.90)
SINGLE_UNION_WORKERS = 25
"""From this many workers an employer founds a union of its own; smaller ones join a joint one."""
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
OFFICE_INDUSTRIES = (
    "信息传输、软件和信息技术服务业",
    "租赁和商务服务业",
    "金融业",
    "文化、体育和娱乐业",
)
CATERING = "住宿和餐饮业"
NUMERALS = "一二三四五六七八九十"


def add_employers_and_unions(plan: Plan, rng: random.Random) -> None:
    """About ``plan.size.employers`` employers; 85–90 % covered, single or jointly."""
    homes = [o.key for o in plan.orgs if o.kind == "community_federation"]
    taken: set[str] = set()
    for number in range(plan.size.employers):
        draw = rng.random()
        home = "industry" if draw < 0.15 else "building" if draw < 0.30 else rng.choice(homes)
        plan.employers.append(_employer(number, home, rng, taken))
    covered = round(len(plan.employers) * rng.uniform(*COVERED_SHARE))
    # The smallest employers are the hardest to organise: they are the ones left uncovered.
    by_size = sorted(plan.employers, key=lambda e: e.censuses[0].workers + rng.random() * 20)
    to_cover = by_size[len(plan.employers) - covered :]
    joint: dict[str, list[EmployerPlan]] = {}
    for employer in to_cover:
        if employer.censuses[0].workers >= SINGLE_UNION_WORKERS:
            _found_union(plan, rng, [employer], employer.name + "工会委员会", "single")
        else:
            joint.setdefault(employer.territory_key, []).append(employer)
    for home, members in joint.items():
        _found_joint_unions(plan, rng, home, members)


def _employer(number: int, home: str, rng: random.Random, taken: set[str]) -> EmployerPlan:
    if home == "industry":
        industry = CATERING
    elif home == "building":
        industry = rng.choice(OFFICE_INDUSTRIES)
    else:
        industry = rng.choice(list(names.INDUSTRIES))
    ending = rng.choice(names.INDUSTRIES[industry])
    registration_type, authority = _registration_type(ending, rng)
    name = _unique_name(ending, ownership_class(registration_type), rng, taken)
    workers = rng.randint(2, 8) if registration_type == "individual_business" else _workers(rng)
    census = _census(workers, industry, random_day(rng, date(2023, 6, 1), date(2024, 6, 30)), rng)
    censuses = [census]
    if rng.random() < 0.2:  # a second census (排摸) mid-2025
        grown = max(2, round(workers * rng.uniform(0.9, 1.15)))
        censuses.append(_census(grown, industry, date(2025, 6, 30), rng))
    org_code = "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    uscc = make_uscc(f"{authority}320104{org_code}")
    return EmployerPlan(
        f"employer-{number}", uscc, name, registration_type, industry, home, censuses
    )


# 登记注册类型 of the street's enterprises: mostly private limited companies, as in its census.
ENTERPRISE_TYPES = {
    "173": 50, "171": 12, "172": 4, "159": 12, "151": 3, "110": 3, "120": 4, "143": 1,
    "160": 1, "230": 2, "210": 2, "310": 2, "330": 3, "joint_venture_unspecified": 1,
}  # fmt: skip


def _registration_type(ending: str, rng: random.Random) -> tuple[str, str]:
    """The registration type a name ending implies, with the USCC's authority and category."""
    if ending.endswith(("店", "面馆")):
        return "individual_business", "92"
    if ending in ("社区卫生服务中心", "幼儿园"):
        return "public_institution", "12"
    if ending in ("养老服务中心", "社会工作服务社", "培训学校"):
        return "private_non_enterprise", "52"
    codes, weights = zip(*ENTERPRISE_TYPES.items(), strict=True)
    return rng.choices(codes, weights=weights)[0], "91"


def _unique_name(ending: str, klass: str, rng: random.Random, taken: set[str]) -> str:
    prefix = {"individual_business": "秦淮区", "public_sector": "南京市秦淮区"}
    while True:
        brand = "".join(rng.sample(names.BRANDS, rng.choice((1, 2))))
        name = f"{prefix.get(klass, '南京')}{brand}{ending}"
        if klass in ("foreign", "hk_macao_taiwan"):
            name = f"{brand}(南京){ending}"
        if name not in taken:
            taken.add(name)
            return name


def _workers(rng: random.Random) -> int:
    # Mostly small firms, as in a street's census (seed 001: 55,278 workers in 3,463 employers).
    low, high = rng.choices(((2, 6), (7, 14), (15, 39), (40, 100)), weights=(40, 40, 15, 5))[0]
    return rng.randint(low, high)


def _census(workers: int, industry: str, on: date, rng: random.Random) -> Census:
    if industry in (CATERING, "批发和零售业", "居民服务、修理和其他服务业", "租赁和商务服务业"):
        migrant_share = rng.uniform(0.35, 0.75)
    else:
        migrant_share = rng.uniform(0.0, 0.2)
    women = round(workers * rng.uniform(0.3, 0.7))
    return Census(workers, women, round(workers * migrant_share), on)


def _found_union(
    plan: Plan, rng: random.Random, employers: list[EmployerPlan], name: str, mode: str
) -> None:
    home = plan.org(employers[0].territory_key)
    # Most unions are older than the two years shown; some were founded during them (新建会).
    if rng.random() < 0.85:
        founded = random_day(rng, date(2008, 1, 1), date(2023, 12, 31))
    else:
        founded = random_day(rng, date(2024, 1, 1), date(2025, 10, 31))
    founded = max(founded, home.founded_on + timedelta(days=30))
    key = f"union-{len(plan.unions)}"
    plan.orgs.append(OrgPlan(key, "grassroots_union", name, home.key, founded, mode))
    for employer in employers:
        employer.union_key, employer.covered_on = key, founded


def _found_joint_unions(
    plan: Plan, rng: random.Random, home: str, employers: list[EmployerPlan]
) -> None:
    base = plan.org(home).name.removesuffix("工联会").removesuffix("工会联合会")
    start, number = 0, 0
    while start < len(employers):
        group = employers[start : start + rng.randint(3, 8)]
        label = NUMERALS[number] if number < len(NUMERALS) else str(number + 1)
        _found_union(plan, rng, group, f"{base}第{label}联合工会委员会", "joint")
        start, number = start + len(group), number + 1
