"""The organisation tree the admissions go into, founded through membership's API first.

City → district → street → community, then a few grassroots unions each covering one
employer. Every admission is a distinct person (its own ID number) with a name carrying the
command's number, so membership's table can be counted per command.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
from shared.auth import issue_token
from shared.identifiers import Sex, make_id_number, make_uscc
from shared.settings import ServiceSettings

GRASSROOTS_UNIONS = 8
PERIOD = "2024"
JOINED_ON = "2024-03-01"
TRANSFERRED_ON = "2024-06-01"
NAME_PREFIX = "混沌"
"""Member names are ``混沌<number>``: the command a row came from, read back by the audit."""
FIRST_BIRTHDAY = date(1970, 1, 1)


@dataclass(frozen=True)
class Tree:
    """The city at the root (whose figures the audit reads) and where members are admitted."""

    city: str
    places: list[tuple[str, str]]
    """(grassroots union, covered employer) pairs."""


def admin_token(database_url: str, nats_url: str) -> str:
    """A city administrator's development token, signed as the services check it."""
    settings = ServiceSettings(environment="dev", database_url=database_url, nats_url=nats_url)
    return issue_token(settings, subject="chaos-run", roles=["city_admin"], org_id=None)


async def _created(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> str:
    response = await client.post(path, json=body)
    if response.status_code != 201:
        raise RuntimeError(f"POST {path} → {response.status_code}: {response.text[:300]}")
    return str(response.json()["id"])


async def _found(client: httpx.AsyncClient, kind: str, name: str, parent: str | None) -> str:
    body: dict[str, Any] = {"kind": kind, "name": name, "parent_id": parent}
    body["founded_on"] = "2020-01-01"
    if kind == "grassroots_union":
        body["grassroots_mode"] = "single"
    return await _created(client, "/api/v1/organisations", body)


async def plant_tree(client: httpx.AsyncClient) -> Tree:
    """Found the federations, the unions and their employers (before any fault)."""
    parent: str | None = None
    city = ""
    for kind, name in (
        ("city_federation", "南京市总工会"),
        ("district_federation", "鼓楼区总工会"),
        ("street_federation", "湖南路街道总工会"),
        ("community_federation", "云南路社区工联会"),
    ):
        parent = await _found(client, kind, name, parent)
        city = city or parent
    assert parent is not None
    places = []
    for number in range(GRASSROOTS_UNIONS):
        union = await _found(client, "grassroots_union", f"混沌{number}号公司工会", parent)
        employer = await _register(client, number, parent)
        coverage = await client.put(
            f"/api/v1/employers/{employer}/coverage",
            json={"union_id": union, "effective_on": "2020-01-01"},
        )
        if coverage.status_code != 200:
            raise RuntimeError(f"coverage → {coverage.status_code}: {coverage.text[:300]}")
        places.append((union, employer))
    return Tree(city, places)


async def _register(client: httpx.AsyncClient, number: int, territory: str) -> str:
    census = {"workers": 100_000, "women": 40_000, "migrant_workers": 30_000}
    body = {
        "uscc": make_uscc(f"91320100MA{number:07d}"),
        "name": f"混沌{number}号公司",
        "registration_type": "173",
        "industry": "制造业",
        "territory_org_id": territory,
        "census": {**census, "effective_on": "2020-01-01"},
    }
    return await _created(client, "/api/v1/employers", body)


def admission(tree: Tree, number: int) -> dict[str, Any]:
    """The body of command ``number``: a person no other command admits."""
    union, employer = tree.places[number % len(tree.places)]
    born = FIRST_BIRTHDAY + timedelta(days=number // 100)
    sex: Sex = "female" if number % 2 else "male"
    return {
        "name": f"{NAME_PREFIX}{number}",
        "id_number": make_id_number("320106", born, number % 100, sex),
        "household_type": "agricultural" if number % 3 == 0 else "non_agricultural",
        "employer_id": employer,
        "union_id": union,
        "joined_on": JOINED_ON,
    }


def transfer(tree: Tree, number: int) -> dict[str, Any]:
    """The transfer of command ``number``'s member to the next union and its employer."""
    union, employer = tree.places[(number + 1) % len(tree.places)]
    return {
        "to_union_id": union,
        "new_employer_id": employer,
        "effective_on": TRANSFERRED_ON,
        "reason": "job_change",
    }


def number_of(name: str) -> int | None:
    """The command number a member's name carries, or None for a name not ours."""
    digits = name.removeprefix(NAME_PREFIX)
    return int(digits) if digits != name and digits.isdigit() else None
