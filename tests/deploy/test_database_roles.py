"""A database role per service, owning only its schema, as deploy/platform/postgres sets it up.

The roles, schemas and revocations are read from the CloudNativePG manifests and applied to a
real PostgreSQL; each service then migrates its schema as its own role, and may touch nothing
else.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import yaml
from shared.migrations import migrate
from shared.nats_permissions import describe

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = ROOT / "deploy" / "platform" / "postgres"
SERVICES = sorted(p.parent.name for p in (ROOT / "services").glob("*/pyproject.toml"))

pytestmark = pytest.mark.integration


def manifests(name: str) -> list[dict[str, Any]]:
    text = (POSTGRES / name).read_text(encoding="utf-8")
    return [doc for doc in yaml.safe_load_all(text) if doc]


def by_kind(kind: str) -> list[dict[str, Any]]:
    return [
        d for name in ("cluster.yaml", "roles.yaml") for d in manifests(name) if d["kind"] == kind
    ]


def test_every_service_has_a_role_a_schema_it_owns_and_a_password_from_the_store() -> None:
    [cluster] = by_kind("Cluster")
    [database] = by_kind("Database")
    roles = {r["name"]: r for r in cluster["spec"]["managed"]["roles"]}
    schemas = {s["name"]: s["owner"] for s in database["spec"]["schemas"]}
    passwords = {e["spec"]["target"]["name"]: e for e in by_kind("ExternalSecret")}
    for service in describe(SERVICES):
        role = roles[service.name]
        assert role["login"] is True
        assert not role.get("superuser")
        assert not role.get("createdb")
        assert schemas[service.schema] == service.name
        secret = passwords[role["passwordSecret"]["name"]]["spec"]["target"]["template"]
        assert secret["type"] == "kubernetes.io/basic-auth"
        assert secret["data"]["username"] == service.name
    assert set(roles) == set(SERVICES)
    assert database["spec"]["owner"] == cluster["spec"]["bootstrap"]["initdb"]["owner"]


def as_role(url: str, role: str, password: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{role}:{password}@{rest.split('@')[-1]}"


async def test_each_role_migrates_its_schema_and_reaches_nothing_else(database_url: str) -> None:
    [cluster] = by_kind("Cluster")
    [database] = by_kind("Database")
    suffix = uuid.uuid4().hex[:8]
    role_of = {s["owner"]: f"{s['owner']}_{suffix}" for s in database["spec"]["schemas"]}
    admin = await asyncpg.connect(database_url)
    try:
        name = await admin.fetchval("SELECT current_database()")
        for statement in cluster["spec"]["bootstrap"]["initdb"]["postInitApplicationSQL"]:
            await admin.execute(statement.replace("DATABASE unionhub", f'DATABASE "{name}"'))
        for role in role_of.values():
            await admin.execute(f"CREATE ROLE {role} LOGIN NOINHERIT PASSWORD 'pw-{role}'")
        for schema in database["spec"]["schemas"]:
            owner = role_of[schema["owner"]]
            await admin.execute(f'CREATE SCHEMA "{schema["name"]}" AUTHORIZATION {owner}')
        services = describe(SERVICES)
        try:
            for service in services:
                role = role_of[service.name]
                url = as_role(database_url, role, f"pw-{role}")
                assert await migrate(url, service.schema, service.migrations)
                conn = await asyncpg.connect(url)
                try:
                    with pytest.raises(asyncpg.InsufficientPrivilegeError):
                        await conn.execute("CREATE SCHEMA intruder")
                    with pytest.raises(asyncpg.InsufficientPrivilegeError):
                        await conn.execute("CREATE TABLE public.intruder (id int)")
                    for other in (s for s in services if s is not service):
                        with pytest.raises(asyncpg.InsufficientPrivilegeError):
                            await conn.fetch(f'SELECT * FROM "{other.schema}".schema_migrations')
                finally:
                    await conn.close()
        finally:
            for schema in database["spec"]["schemas"]:
                await admin.execute(f'DROP SCHEMA IF EXISTS "{schema["name"]}" CASCADE')
            for role in role_of.values():
                await admin.execute(f"DROP ROLE IF EXISTS {role}")
    finally:
        await admin.close()
