"""The areas of the service and what each contributes to the service-wide tables.

Each area package of the service layer (``households``, ``visits``, ``aid``, ``giving``,
``referrals``) is its own registration point: its ``__init__`` exposes its command handlers,
its translators of domain events into contracts, and its repositories (a class of unit-of-work
attributes and their names in write order). The handler table, the translators and the unit of work are built
from :data:`AREAS`; adding an area means adding it here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

from assistance.service_layer import aid, giving, households, referrals, visits
from assistance.service_layer.commands import Command, Handler


class Area(Protocol):
    """What an area package exposes to the service-wide tables."""

    HANDLERS: dict[type[Command], Handler]
    TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]]
    REPOSITORIES: tuple[str, ...]


AREAS: tuple[Area, ...] = (households, visits, aid, giving, referrals)
"""In write order: a later area's rows may refer to an earlier one's (an application to a
household, a payment to an application)."""
