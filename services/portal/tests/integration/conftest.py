"""The platform for the workbench's tests: membership, assistance, disputes, training, reporting
and the portal, each on a real port, on one PostgreSQL database and one JetStream, with a small
city tree.

The services trust the portal's key set (``JWT_JWKS_URL``) and, as under ``make run``, the
development tokens too; the tree is seeded with a development token, the rest goes through
the workbench.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import nats
import pytest_asyncio
from assistance.config import AssistanceSettings
from assistance.entrypoints.app import create_app as create_assistance
from assistance.entrypoints.service import SERVICE as ASSISTANCE
from disputes.config import DisputesSettings
from disputes.entrypoints.app import create_app as create_disputes
from disputes.entrypoints.service import SERVICE as DISPUTES
from membership.config import MembershipSettings
from membership.entrypoints.app import create_app as create_membership
from membership.entrypoints.service import SERVICE as MEMBERSHIP
from portal.adapters.accounts import AccountStore
from portal.adapters.passwords import hash_password
from portal.config import PortalSettings
from portal.entrypoints.app import create_app as create_portal
from portal.entrypoints.service import SERVICE as PORTAL
from reporting.config import ReportingSettings
from reporting.entrypoints.app import create_app as create_reporting
from reporting.entrypoints.service import SERVICE as REPORTING
from shared.auth import issue_token
from shared.bus import provision
from shared.db import create_pool
from shared.devstack import free_port
from shared.identifiers import make_id_number, make_uscc
from shared.migrations import migrate
from shared.service import ServiceDescription
from training.config import TrainingSettings
from training.entrypoints.app import create_app as create_training
from training.entrypoints.service import SERVICE as TRAINING

from .servers import ThreadServer
from .web import User

ADMIN_PASSWORD = "Admin-pass-2024"
ACCOUNT_PASSWORD = "Account-pass-2024"


@dataclass
class Tree:
    city: str
    district: str
    street: str
    community: str
    union: str
    union_other: str
    employer: str


@dataclass
class Platform:
    portal: str
    reporting: str
    membership: str
    assistance: str
    disputes: str
    training: str
    database_url: str
    tree: Tree
    dev: httpx.AsyncClient
    """A city admin's development token on the services, for seeding and checking."""


def person(seq: int) -> str:
    """A valid ID number for test person ``seq``."""
    return make_id_number("320102", date(1990, 1, 1 + seq % 28), seq % 99 + 1, "female")


async def _prepare(database_url: str, nats_url: str, services: list[ServiceDescription]) -> None:
    nc = await nats.connect(nats_url)
    try:
        for service in services:
            await migrate(database_url, service.schema, service.migrations)
            await provision(nc.jetstream(), service.streams, service.consumers)
    finally:
        await nc.close()


async def _found(dev: httpx.AsyncClient, base: str, kind: str, name: str, parent: str | None,
                 **extra: Any) -> str:  # fmt: skip
    body = {"kind": kind, "name": name, "parent_id": parent, "founded_on": "2020-01-01", **extra}
    response = await dev.post(f"{base}/api/v1/organisations", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def _seed(dev: httpx.AsyncClient, base: str) -> Tree:
    city = await _found(dev, base, "city_federation", "南京市总工会", None)
    district = await _found(dev, base, "district_federation", "玄武区总工会", city)
    street = await _found(dev, base, "street_federation", "新街口街道总工会", district)
    community = await _found(dev, base, "community_federation", "汉中门社区工联会", street)
    union = await _found(dev, base, "grassroots_union", "甲公司工会", community,
                         grassroots_mode="single")  # fmt: skip
    other = await _found(dev, base, "grassroots_union", "秦淮乙公司工会", city,
                         grassroots_mode="single")  # fmt: skip
    employer = {
        "uscc": make_uscc("91320100MA0000001"), "name": "甲公司", "registration_type": "173",
        "industry": "制造业", "territory_org_id": community,
        "census": {"workers": 100, "women": 50, "migrant_workers": 25, "effective_on": "2024-01-01"},
    }  # fmt: skip
    response = await dev.post(f"{base}/api/v1/employers", json=employer)
    assert response.status_code == 201, response.text
    return Tree(city, district, street, community, union, other, str(response.json()["id"]))


async def _create_admin(database_url: str) -> None:
    pool = await create_pool(database_url, PORTAL.schema, min_size=1, max_size=1)
    await AccountStore(pool).create(
        username="admin", display_name="市总管理员", role="city_admin", org_id=None,
        org_name="全市", password_hash=hash_password(ADMIN_PASSWORD), created_by=None,
    )  # fmt: skip
    await pool.close()


def _servers(database_url: str, nats_url: str, ports: dict[str, int]) -> list[ThreadServer]:
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    common: dict[str, Any] = {
        "environment": "test", "database_url": database_url, "nats_url": nats_url,
        "jwt_jwks_url": f"{urls['portal']}/.well-known/jwks.json", "jwt_dev_tokens": True,
    }  # fmt: skip
    portal = PortalSettings(
        environment="test", database_url=database_url, nats_url=nats_url,
        membership_url=urls["membership"], assistance_url=urls["assistance"],
        reporting_url=urls["reporting"], disputes_url=urls["disputes"],
        training_url=urls["training"],
    )  # fmt: skip
    return [
        ThreadServer(create_portal(portal), ports["portal"]),
        ThreadServer(create_membership(MembershipSettings(**common)), ports["membership"]),
        ThreadServer(create_assistance(AssistanceSettings(**common)), ports["assistance"]),
        ThreadServer(create_reporting(ReportingSettings(**common)), ports["reporting"]),
        ThreadServer(create_disputes(DisputesSettings(**common)), ports["disputes"]),
        ThreadServer(create_training(TrainingSettings(**common)), ports["training"]),
    ]


@pytest_asyncio.fixture
async def platform(database_url: str, nats_url: str) -> AsyncIterator[Platform]:
    """Every app running; the tree seeded; an ``admin`` account with ``ADMIN_PASSWORD``."""
    services = [MEMBERSHIP, ASSISTANCE, REPORTING, DISPUTES, TRAINING, PORTAL]
    await _prepare(database_url, nats_url, services)
    await _create_admin(database_url)
    names = ("portal", "membership", "assistance", "reporting", "disputes", "training")
    ports = {name: free_port() for name in names}
    servers = _servers(database_url, nats_url, ports)
    for server in servers:
        server.start()
    token = issue_token(
        MembershipSettings(environment="test"), subject="seed", roles=["city_admin"], org_id=None
    )
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with httpx.AsyncClient(headers=headers, timeout=30) as dev:
            tree = await _seed(dev, servers[1].url)
            yield Platform(servers[0].url, servers[3].url, servers[1].url, servers[2].url,
                           servers[4].url, servers[5].url, database_url, tree, dev)  # fmt: skip
    finally:
        for server in reversed(servers):
            server.stop()


async def account(
    platform: Platform, username: str, role: str, org_id: str, name: str = "王调解"
) -> User:
    """An account created by the admin through the accounts page, signed in."""
    admin = User(platform.portal)
    await admin.sign_in("admin", ADMIN_PASSWORD)
    created = await admin.submit("/accounts", "/accounts", {
        "username": username, "display_name": name, "role": role, "org_id": org_id,
        "password": ACCOUNT_PASSWORD})  # fmt: skip
    assert created.status_code == 303, created.text
    await admin.close()
    user = User(platform.portal)
    assert (await user.sign_in(username, ACCOUNT_PASSWORD)).status_code == 303
    return user
