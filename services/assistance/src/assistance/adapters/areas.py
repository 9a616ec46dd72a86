"""The areas' adapters and the service-wide tables built from them.

Each area package of the adapters exposes, from its ``__init__``, how its repositories are
built on a connection (``SQL_REPOSITORIES``) and what its unique constraints protect
(``CONSTRAINT_FIELDS``, ``CONSTRAINT_ERRORS``); the unit of work and ``sql_base`` read the
merged tables below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from assistance.adapters import aid, giving, households, visits
from assistance.adapters.sql_base import Connection
from assistance.domain.errors import Conflict


class AreaAdapters(Protocol):
    """What an area package of the adapters exposes."""

    SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]]
    CONSTRAINT_FIELDS: dict[str, str]
    CONSTRAINT_ERRORS: dict[str, type[Conflict]]


AREAS: tuple[AreaAdapters, ...] = (households, visits, aid, giving)

SQL_REPOSITORIES: dict[str, Callable[[Connection], Any]] = {
    name: build for area in AREAS for name, build in area.SQL_REPOSITORIES.items()
}
"""How each repository named in ``AbstractUnitOfWork.REPOSITORIES`` is built on a connection."""

CONSTRAINT_FIELDS: dict[str, str] = {
    name: field for area in AREAS for name, field in area.CONSTRAINT_FIELDS.items()
}
"""Unique constraint or index name → the request field it protects."""

CONSTRAINT_ERRORS: dict[str, type[Conflict]] = {
    name: error for area in AREAS for name, error in area.CONSTRAINT_ERRORS.items()
}
"""Unique constraint or index name → the conflict it means, when more precise than Conflict."""
