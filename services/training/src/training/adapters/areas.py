"""The areas' adapters and the service-wide table of repository factories built from them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from shared.adapters import Connection

from training.adapters import classes, competitions, employment


class AreaAdapters(Protocol):
    """What an area package of the adapters exposes."""

    SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]]


AREAS: tuple[AreaAdapters, ...] = (classes, employment, competitions)

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    name: build for area in AREAS for name, build in area.SQL_REPOSITORIES.items()
}
