"""Training's SQL unit of work: the areas' repositories, the replica and the people register
on the unit's connection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from shared.adapters import RepositoryFactory

from shared import adapters as kit
from training.adapters.areas import SQL_REPOSITORIES
from training.adapters.people import SqlPeople
from training.adapters.replica import SqlReplica
from training.config import SERVICE_NAME
from training.service_layer.ports import AbstractUnitOfWork


class SqlUnitOfWork(kit.SqlUnitOfWork, AbstractUnitOfWork):
    """One PostgreSQL transaction for rows, outbox and idempotency key."""

    SERVICE = SERVICE_NAME
    FACTORIES: ClassVar[Mapping[str, RepositoryFactory]] = {
        "replica": SqlReplica,
        "people": SqlPeople,
        **SQL_REPOSITORIES,
    }
