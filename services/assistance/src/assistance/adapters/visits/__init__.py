"""Visits in the adapters: the SQL repository and the read views of visits.

The area's one registration point in the adapters: how each of its repositories is built on a
connection, and what a violation of each of its unique constraints means (see
``adapters.areas``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistance.adapters.sql_base import Connection
from assistance.adapters.visits.repository import SqlVisitRepository
from assistance.domain.errors import Conflict

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "visits": SqlVisitRepository,
}
CONSTRAINT_FIELDS: dict[str, str] = {}
CONSTRAINT_ERRORS: dict[str, type[Conflict]] = {}
