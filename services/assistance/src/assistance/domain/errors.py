"""Assistance's errors shared by its areas, in the kit's four families
(:mod:`shared.seedwork.errors`, re-exported here); each area adds its own in ``<area>.errors``."""

from __future__ import annotations

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


class AlreadyOnFile(Conflict):
    code = "already_on_file"


__all__ = [
    "AlreadyOnFile",
    "ConcurrentModification",
    "Conflict",
    "DomainError",
    "InvalidTransition",
    "InvalidValue",
    "NotFound",
    "NotInScope",
    "RuleViolation",
]
