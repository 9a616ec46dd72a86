"""File suggestions publish nothing: they stay inside the service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shared.contracts.registry import IntegrationEvent
from shared.seedwork import DomainEvent

TRANSLATORS: dict[type[DomainEvent], Callable[[Any], IntegrationEvent]] = {}
"""No domain event of this area leaves the service."""
