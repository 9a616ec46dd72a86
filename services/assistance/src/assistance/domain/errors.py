"""Domain errors: a Chinese message for the user and the field at fault.

Four families, so an entrypoint maps them to responses without knowing each rule:
:class:`RuleViolation` (422: the request breaks a business rule), :class:`Conflict` (409: it
collides with existing state), :class:`NotFound` (404) and :class:`NotInScope` (403: the
caller's organisation scope does not reach the target). A new rule subclasses one family.
"""

from __future__ import annotations

from typing import ClassVar


class DomainError(Exception):
    """Base of every assistance error.

    Attributes:
        message: Chinese, user-facing; never echoes personal data.
        field: the command field at fault, when one is (``head.id_number``).
        code: stable machine-readable code, e.g. ``assistance.invalid_transition``.
    """

    code: ClassVar[str] = "assistance.error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class RuleViolation(DomainError):
    code = "assistance.rule_violation"


class InvalidValue(RuleViolation):
    code = "assistance.invalid_value"


class InvalidTransition(RuleViolation):
    code = "assistance.invalid_transition"


class Conflict(DomainError):
    code = "assistance.conflict"


class AlreadyOnFile(Conflict):
    code = "assistance.already_on_file"


class ConcurrentModification(Conflict):
    code = "assistance.concurrent_modification"


class NotFound(DomainError):
    code = "assistance.not_found"


class NotInScope(DomainError):
    code = "assistance.not_in_scope"
