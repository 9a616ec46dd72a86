"""A running membership app on real PostgreSQL and NATS, and helpers to seed a small tree."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import nats
import pytest
import pytest_asyncio
from fastapi import FastAPI
from membership.config import MIGRATIONS_DIR, SCHEMA, MembershipSettings
from membership.entrypoints.app import create_app
from shared.auth import issue_token
from shared.bus import DEAD_LETTER_STREAM, MEMBERSHIP_STREAM, provision
from shared.identifiers import make_id_number, make_uscc
from shared.migrations import migrate


@dataclass
class Api:
    """An HTTP client on the app plus a token factory."""

    client: httpx.AsyncClient
    app: FastAPI
    settings: MembershipSettings

    def token(self, role: str = "city_admin", org_id: str | None = None) -> dict[str, str]:
        token = issue_token(self.settings, subject=f"{role}-tester", roles=[role], org_id=org_id)
        return {"Authorization": f"Bearer {token}"}

    async def post(
        self,
        path: str,
        body: dict[str, Any],
        *,
        headers: dict[str, str] | None = None,
        expect: int | None = None,
    ) -> httpx.Response:
        response = await self.client.post(path, json=body, headers=headers or self.token())
        if expect is not None:
            assert response.status_code == expect, response.text
        return response


async def start_api(database_url: str, nats_url: str, **overrides: Any) -> tuple[Api, Any]:
    settings = MembershipSettings(
        environment="test", database_url=database_url, nats_url=nats_url, **overrides
    )
    await migrate(database_url, SCHEMA, MIGRATIONS_DIR)
    app = create_app(settings)
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://membership.test")
    return Api(client, app, settings), lifespan


@pytest_asyncio.fixture
async def api(database_url: str, nats_url: str) -> AsyncIterator[Api]:
    nc = await nats.connect(nats_url)
    await provision(nc.jetstream(), [MEMBERSHIP_STREAM, DEAD_LETTER_STREAM])
    await nc.close()
    started, lifespan = await start_api(database_url, nats_url)
    yield started
    await started.client.aclose()
    await lifespan.__aexit__(None, None, None)


@dataclass
class Tree:
    """City → district → street → two communities, each with a grassroots union and employer."""

    city: str
    district: str
    street: str
    community_a: str
    community_b: str
    union_a: str
    union_b: str
    employer_a: str
    employer_b: str


async def found(api: Api, kind: str, name: str, parent: str | None, **extra: Any) -> str:
    body = {"kind": kind, "name": name, "parent_id": parent, "founded_on": "2020-01-01", **extra}
    return str((await api.post("/api/v1/organisations", body, expect=201)).json()["id"])


async def register_employer(api: Api, territory: str, seq: int, workers: int = 100) -> str:
    body = {
        "uscc": make_uscc(f"91320100MA{seq:07d}"),
        "name": f"测试单位{seq}",
        "registration_type": "173",
        "industry": "制造业",
        "territory_org_id": territory,
        "census": {
            "workers": workers,
            "women": workers // 2,
            "migrant_workers": workers // 4,
            "effective_on": "2024-01-01",
        },
    }
    return str((await api.post("/api/v1/employers", body, expect=201)).json()["id"])


@pytest_asyncio.fixture
async def tree(api: Api) -> Tree:
    city = await found(api, "city_federation", "南京市总工会", None)
    district = await found(api, "district_federation", "玄武区总工会", city)
    street = await found(api, "street_federation", "新街口街道总工会", district)
    comm_a = await found(api, "community_federation", "汉中门社区工联会", street)
    comm_b = await found(api, "community_federation", "石鼓路社区工联会", street)
    union_a = await found(api, "grassroots_union", "甲公司工会", comm_a, grassroots_mode="single")
    union_b = await found(api, "grassroots_union", "乙联合工会", comm_b, grassroots_mode="joint")
    employer_a = await register_employer(api, comm_a, 1)
    employer_b = await register_employer(api, comm_b, 2)
    return Tree(city, district, street, comm_a, comm_b, union_a, union_b, employer_a, employer_b)


def person(seq: int, *, sex: str = "female") -> str:
    """A valid ID number for test person ``seq``."""
    # Small sequences keep the numbers earlier tests were written against (born January 1990).
    born = date(1990, 1, 1 + seq % 28) + timedelta(days=28 * (seq // 99))
    return make_id_number("320102", born, seq % 99 + 1, sex)  # type: ignore[arg-type]


def admit_body(
    tree: Tree, seq: int, *, union: str | None = None, employer: str | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "name": f"王{seq}",
        "id_number": person(seq),
        "mobile": "13812345678",
        "household_type": "agricultural",
        "employer_id": employer or tree.employer_a,
        "union_id": union or tree.union_a,
        "joined_on": "2024-03-01",
        **extra,
    }


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
