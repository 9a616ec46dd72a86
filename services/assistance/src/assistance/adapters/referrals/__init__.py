"""Referrals in the adapters: the SQL repository and the read views of file suggestions.

The area's one registration point in the adapters: how each of its repositories is built on a
connection (see ``adapters.areas``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.adapters import Connection

from assistance.adapters.referrals.repository import SqlFileSuggestionRepository

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "file_suggestions": SqlFileSuggestionRepository,
}
