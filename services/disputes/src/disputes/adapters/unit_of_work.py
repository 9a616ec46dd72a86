"""Disputes' SQL unit of work: the areas' repositories and the replica on the unit's connection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from shared.adapters import RepositoryFactory

from disputes.adapters.areas import SQL_REPOSITORIES
from disputes.adapters.replica import SqlReplica
from disputes.config import SERVICE_NAME
from disputes.service_layer.ports import AbstractUnitOfWork
from shared import adapters as kit


class SqlUnitOfWork(kit.SqlUnitOfWork, AbstractUnitOfWork):
    """One PostgreSQL transaction for rows, history, outbox and idempotency key."""

    SERVICE = SERVICE_NAME
    FACTORIES: ClassVar[Mapping[str, RepositoryFactory]] = {
        "replica": SqlReplica,
        **SQL_REPOSITORIES,
    }
