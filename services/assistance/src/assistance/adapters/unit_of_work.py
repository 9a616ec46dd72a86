"""Assistance's SQL unit of work: the areas' repositories and the replica on the unit's
connection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from shared.adapters import RepositoryFactory

from assistance.adapters.areas import SQL_REPOSITORIES
from assistance.adapters.replica import SqlReplica
from assistance.config import SERVICE_NAME
from assistance.service_layer.ports import AbstractUnitOfWork
from shared import adapters as kit


class SqlUnitOfWork(kit.SqlUnitOfWork, AbstractUnitOfWork):
    """One PostgreSQL transaction for rows, outbox and idempotency key."""

    SERVICE = SERVICE_NAME
    FACTORIES: ClassVar[Mapping[str, RepositoryFactory]] = {
        "replica": SqlReplica,
        **SQL_REPOSITORIES,
    }
