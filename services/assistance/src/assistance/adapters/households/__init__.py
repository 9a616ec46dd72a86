"""Hardship files in the adapters: the SQL repository and the read views of households.

The area's one registration point in the adapters: how each of its repositories is built on a
connection (see ``adapters.areas``). What its unique constraints mean to a caller is in
``constraints``, which its repositories pass to the kit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.adapters import Connection

from assistance.adapters.households.repository import SqlHouseholdRepository

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "households": SqlHouseholdRepository,
}
