"""Competitions in the adapters: how each repository is built on a connection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.adapters import Connection

from training.adapters.competitions.repositories import SqlCompetitionRepository, SqlEntryRepository

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "competitions": SqlCompetitionRepository,
    "entries": SqlEntryRepository,
}
