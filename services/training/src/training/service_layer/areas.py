"""The areas of the service and what each contributes to the service-wide tables.

Each area package of the service layer (``classes``, ``employment``, ``competitions``) exposes
its command handlers, its translators of domain events into contracts, and its repositories.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from training.service_layer import classes, competitions, employment
from training.service_layer.commands import Command, Handler


class Area(Protocol):
    """What an area package exposes to the service-wide tables."""

    HANDLERS: dict[type[Command], Handler]
    TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]]
    REPOSITORIES: tuple[str, ...]


AREAS: tuple[Area, ...] = (classes, employment, competitions)
"""In write order: a later area's rows may refer to an earlier one's."""
