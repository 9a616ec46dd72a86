"""The areas of the service and what each contributes to the service-wide tables.

Each area package of the service layer (``network``, ``reception``, ``cases``) exposes its
command handlers, its translators of domain events into contracts, and its repositories.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from disputes.service_layer import cases, network, reception
from disputes.service_layer.commands import Command, Handler


class Area(Protocol):
    """What an area package exposes to the service-wide tables."""

    HANDLERS: dict[type[Command], Handler]
    TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]]
    REPOSITORIES: tuple[str, ...]


AREAS: tuple[Area, ...] = (network, reception, cases)
"""In write order: a case may name a mediator of the network."""
