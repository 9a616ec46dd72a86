"""Hardship files in the adapters: the SQL repository and the read views of households.

The area's one registration point in the adapters: how each of its repositories is built on a
connection, and what a violation of each of its unique constraints means (see
``adapters.areas``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistance.adapters.households.repository import SqlHouseholdRepository
from assistance.adapters.sql_base import Connection
from assistance.domain.errors import AlreadyOnFile, Conflict

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "households": SqlHouseholdRepository,
}
CONSTRAINT_FIELDS: dict[str, str] = {
    "one_active_file_per_person": "id_number",
}
CONSTRAINT_ERRORS: dict[str, type[Conflict]] = {
    "one_active_file_per_person": AlreadyOnFile,
}
