"""The areas' adapters and the service-wide table built from them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from shared.adapters import Connection

from disputes.adapters import cases, network, reception


class AreaAdapters(Protocol):
    SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]]


AREAS: tuple[AreaAdapters, ...] = (network, reception, cases)

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    name: build for area in AREAS for name, build in area.SQL_REPOSITORIES.items()
}
"""How each repository named in ``AbstractUnitOfWork.REPOSITORIES`` is built on a connection."""
