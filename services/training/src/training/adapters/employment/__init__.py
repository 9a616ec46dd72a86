"""Employment services in the adapters: how each repository is built on a connection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.adapters import Connection

from training.adapters.employment import repositories as r

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    "seekers": r.SqlSeekerRepository,
    "postings": r.SqlPostingRepository,
    "fairs": r.SqlFairRepository,
    "fair_seekers": r.SqlFairSeekers,
    "placements": r.SqlPlacementRepository,
}
