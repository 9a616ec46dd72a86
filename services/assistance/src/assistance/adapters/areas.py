"""The areas' adapters and the service-wide tables built from them.

Each area package of the adapters exposes, from its ``__init__``, how its repositories are
built on a connection (``SQL_REPOSITORIES``); the unit of work reads the merged table below.
What an area's unique constraints mean to a caller stays in the area (``<area>.constraints``),
passed by its repositories to the kit's ``insert_many`` / ``update_versioned``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from shared.adapters import Connection

from assistance.adapters import aid, giving, households, referrals, visits


class AreaAdapters(Protocol):
    """What an area package of the adapters exposes."""

    SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]]


AREAS: tuple[AreaAdapters, ...] = (households, visits, aid, giving, referrals)

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    name: build for area in AREAS for name, build in area.SQL_REPOSITORIES.items()
}
"""How each repository named in ``AbstractUnitOfWork.REPOSITORIES`` is built on a connection."""
