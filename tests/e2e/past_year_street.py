"""A street's 2025 entered in December 2026, through membership's public API as a cadre would.

夫子庙街道 (under a district and the city) with two communities: 贡院社区 (since 2015) and
白鹭洲社区 (since 2024). Six employers of five ownership classes and five size bands,
registered retroactively in 2024 and in 2025 before and after 30 June; unions founded on past
days (single and joint, one attached to the street itself: 本级); two committees; nine members
admitted on past days, one transferred between the communities and one who left; five
collective contracts signed in 2024 and 2025 by the units' own unions and by the communities
(regional), one of them ending during 2025. ``past_year_aid`` adds the hardship files, aid and
visits. The figures they must give are written by hand in ``test_past_year_street``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shared.identifiers import Sex, make_id_number, make_uscc

from .conftest import Services
from .test_backdated_assistance import post


@dataclass
class Street:
    """The ids the assertions and the aid entries need, by the names the scenario gives them."""

    street: str = ""
    community_a: str = ""
    community_b: str = ""
    unions: dict[str, str] = field(default_factory=dict)
    employers: dict[str, str] = field(default_factory=dict)
    members: dict[str, str] = field(default_factory=dict)
    households: dict[str, str] = field(default_factory=dict)
    contracts: dict[str, str] = field(default_factory=dict)
    id_numbers: dict[str, str] = field(default_factory=dict)


async def found(
    s: Services, kind: str, name: str, parent: str | None, on: str, **extra: Any
) -> str:
    body = {"kind": kind, "name": name, "parent_id": parent, "founded_on": on, **extra}
    return str((await post(s.membership, "/api/v1/organisations", body))["id"])


async def plant_tree(s: Services, street: Street) -> None:
    """The federations, then the grassroots unions on their founding days."""
    city = await found(s, "city_federation", "南京市总工会", None, "2010-01-01")
    district = await found(s, "district_federation", "秦淮区总工会", city, "2010-01-01")
    street.street = await found(s, "street_federation", "夫子庙街道总工会", district, "2012-01-01")
    street.community_a = await found(s, "community_federation", "贡院社区工联会", street.street,
                                     "2015-01-01")  # fmt: skip
    street.community_b = await found(s, "community_federation", "白鹭洲社区工联会", street.street,
                                     "2024-03-01")  # fmt: skip
    unions = (("U0", "街道机关工会", street.street, "2024-01-15", "single"),
              ("U1", "金陵机械厂工会", street.community_a, "2024-04-01", "single"),
              ("U2", "贡院联合工会", street.community_a, "2025-03-01", "joint"),
              ("U3", "白鹭洲外资公司工会", street.community_b, "2025-09-01", "single"))  # fmt: skip
    for key, name, parent, on, mode in unions:
        street.unions[key] = await found(s, "grassroots_union", name, parent, on,
                                         grassroots_mode=mode)  # fmt: skip


# key, 登记注册类型, territory, registered_on, census (workers, women, migrants) or two
EMPLOYERS: tuple[tuple[str, str, str, str, list[tuple[str, int, int | None, int | None]]], ...] = (
    ("E1", "110", "A", "2024-05-10", [("2024-05-10", 300, 120, 30)]),
    ("E2", "173", "A", "2025-02-01", [("2025-02-01", 40, 15, 20)]),
    ("E3", "171", "A", "2025-08-15", [("2025-08-15", 12, None, None)]),
    (
        "E4",
        "310",
        "B",
        "2024-06-01",
        [("2024-06-01", 800, 400, 100), ("2025-07-01", 1200, 500, 150)],
    ),
    ("E5", "social_group", "B", "2025-04-01", [("2025-04-01", 8, 5, 0)]),
    ("E6", "159", "S", "2024-09-01", [("2024-09-01", 60, 20, 10)]),
)
COVERAGE = (("E1", "U1", "2024-05-10"), ("E2", "U2", "2025-03-01"), ("E3", "U2", "2025-09-01"),
            ("E4", "U3", "2025-09-01"), ("E6", "U0", "2024-09-01"))  # fmt: skip


def census(on: str, workers: int, women: int | None, migrants: int | None) -> dict[str, Any]:
    return {"workers": workers, "women": women, "migrant_workers": migrants, "effective_on": on}


async def register_employers(s: Services, street: Street) -> None:
    """Each employer as of its registration day with its first census, later censuses, cover."""
    territory = {"A": street.community_a, "B": street.community_b, "S": street.street}
    for seq, (key, code, where, on, censuses) in enumerate(EMPLOYERS, start=1):
        body = {"uscc": make_uscc(f"91320104MA{seq:07d}"), "name": f"夫子庙单位{key}",
                "registration_type": code, "industry": "制造业", "territory_org_id": territory[where],
                "registered_on": on, "census": census(*censuses[0])}  # fmt: skip
        street.employers[key] = str((await post(s.membership, "/api/v1/employers", body))["id"])
        for later in censuses[1:]:
            response = await s.membership.put(f"/api/v1/employers/{street.employers[key]}/census",
                                              json=census(*later))  # fmt: skip
            assert response.status_code == 200, response.text
    for key, union, on in COVERAGE:
        response = await s.membership.put(
            f"/api/v1/employers/{street.employers[key]}/coverage",
            json={"union_id": street.unions[union], "effective_on": on},
        )
        assert response.status_code == 200, response.text


async def elect_committees(s: Services, street: Street) -> None:
    """U1's committee of 2024 (in office all 2025) and U3's of October 2025."""
    elections = (("U1", "2024-06-01", "2029-05-31", (("chair", "male"), ("vice_chair", "female"),
                                                      ("member", "female"))),
                 ("U3", "2025-10-01", "2030-09-30", (("chair", "female"), ("member", "male"),
                                                      ("member", None))))  # fmt: skip
    for union, start, end, seats in elections:
        body = {"elected_on": start, "term_start": start, "term_end": end,
                "members": [{"name": f"委员{i}", "role": role, "sex": sex}
                            for i, (role, sex) in enumerate(seats)]}  # fmt: skip
        await post(s.membership, f"/api/v1/organisations/{street.unions[union]}/committees", body)


# key, union, employer, joined_on, sex, 农业户口 (农民工)
MEMBERS: tuple[tuple[str, str, str, str, Sex, bool], ...] = (
    ("M1", "U1", "E1", "2024-06-10", "male", False),
    ("M2", "U1", "E1", "2025-03-15", "female", True),
    ("M3", "U1", "E1", "2025-08-20", "female", False),
    ("M4", "U2", "E2", "2025-04-10", "male", True),
    ("M5", "U2", "E3", "2025-09-10", "female", True),
    ("M6", "U3", "E4", "2025-10-01", "male", False),
    ("M7", "U0", "E6", "2024-10-01", "female", False),
    ("M8", "U0", "E6", "2025-02-01", "male", True),
    ("M9", "U1", "E1", "2024-07-01", "male", False),
)


async def admit_members(s: Services, street: Street) -> None:
    """Nine admissions on past days, then M8 leaves in May and M9 moves to 白鹭洲 in November."""
    for seq, (key, union, employer, joined, sex, migrant) in enumerate(MEMBERS, start=1):
        id_number = make_id_number("320104", date(1985, 1, seq), seq, sex)
        body = {"name": f"会员{key}", "id_number": id_number,
                "household_type": "agricultural" if migrant else "non_agricultural",
                "employer_id": street.employers[employer], "union_id": street.unions[union],
                "joined_on": joined}  # fmt: skip
        street.members[key] = str((await post(s.membership, "/api/v1/members", body))["id"])
        street.id_numbers[key] = id_number
    await post(s.membership, f"/api/v1/members/{street.members['M8']}/leave",
               {"reason": "voluntary", "effective_on": "2025-05-31"})  # fmt: skip
    transfer = {"to_union_id": street.unions["U3"], "effective_on": "2025-11-01",
                "reason": "job_change", "new_employer_id": street.employers["E4"]}  # fmt: skip
    await post(s.membership, f"/api/v1/members/{street.members['M9']}/transfer", transfer)


# key, kind, signing union, signing party, employers, workers, signed (= start), end
CONTRACTS = (
    ("C1", "comprehensive", "U1", "own_union", ("E1",), 300, "2024-07-01", "2027-06-30"),
    ("C2", "comprehensive", "A", "regional_union", ("E2", "E3"), 52, "2025-09-15", "2028-09-14"),
    ("C3", "wage", "U0", "own_union", ("E6",), 60, "2024-09-01", "2025-02-28"),
    ("C4", "wage", "U0", "own_union", ("E6",), 60, "2025-03-01", "2028-02-29"),
    ("C5", "women", "B", "regional_union", ("E4", "E5"), 808, "2025-05-01", "2028-04-30"),
)


async def sign_contracts(s: Services, street: Street) -> None:
    """Five contracts; C3 (wage, U0) ran out on 2025-02-28 and C4 renewed it the next day."""
    signers = {**street.unions, "A": street.community_a, "B": street.community_b}
    for key, kind, union, party, employers, workers, signed, ends in CONTRACTS:
        body = {"kind": kind, "union_id": signers[union], "signing_party": party,
                "employer_ids": [street.employers[e] for e in employers],
                "workers_covered": workers, "signed_on": signed, "starts_on": signed,
                "ends_on": ends}  # fmt: skip
        street.contracts[key] = str((await post(s.membership, "/api/v1/contracts", body))["id"])


async def plant_membership(s: Services) -> Street:
    """The street's organisations, employers, committees, members and contracts."""
    street = Street()
    await plant_tree(s, street)
    await register_employers(s, street)
    await elect_committees(s, street)
    await admit_members(s, street)
    await sign_contracts(s, street)
    return street
