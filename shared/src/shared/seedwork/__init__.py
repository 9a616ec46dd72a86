"""The seedwork a service's domain builds on: aggregates, domain events, errors, value checks.

Standard library only, so a pure domain may import it (import-linter holds every service's
domain to that). The service layer's generic unit of work and command dispatch live in
:mod:`shared.service_layer`; the SQL side in :mod:`shared.adapters`.
"""

from shared.seedwork.aggregate import Aggregate, DomainEvent, RecordedEvent
from shared.seedwork.errors import (
    ConcurrentModification,
    Conflict,
    DomainError,
    InvalidTransition,
    InvalidValue,
    NotFound,
    NotInScope,
    RuleViolation,
)
from shared.seedwork.values import add_years, clean_text, ensure_effective_date, ensure_fen

__all__ = [
    "Aggregate",
    "ConcurrentModification",
    "Conflict",
    "DomainError",
    "DomainEvent",
    "InvalidTransition",
    "InvalidValue",
    "NotFound",
    "NotInScope",
    "RecordedEvent",
    "RuleViolation",
    "add_years",
    "clean_text",
    "ensure_effective_date",
    "ensure_fen",
]
