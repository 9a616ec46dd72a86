"""What every service's SQL adapters share: the connection type, batched inserts, versioned
updates, unique violations as domain conflicts, and the SQL unit of work."""

from shared.adapters.sql import (
    ConflictRule,
    Connection,
    conflict_for,
    insert_many,
    update_versioned,
)
from shared.adapters.unit_of_work import RepositoryFactory, SqlUnitOfWork

__all__ = [
    "ConflictRule",
    "Connection",
    "RepositoryFactory",
    "SqlUnitOfWork",
    "conflict_for",
    "insert_many",
    "update_versioned",
]
