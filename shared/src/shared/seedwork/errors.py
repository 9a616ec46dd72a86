"""Domain errors: a Chinese message for the user and the field at fault.

Four families, so an entrypoint maps them to responses without knowing each rule:
:class:`RuleViolation` (422: the request breaks a business rule), :class:`Conflict` (409: it
collides with existing state), :class:`NotFound` (404) and :class:`NotInScope` (403: the
caller's organisation scope does not reach the target). A service's own rule subclasses one
family; its ``code`` is prefixed with the service's name where it is shown
(``urn:unionhub:problem:membership.already_a_member``).
"""

from __future__ import annotations

from typing import ClassVar


class DomainError(Exception):
    """Base of every domain error.

    Attributes:
        message: Chinese, user-facing; never echoes personal data.
        field: the command field at fault, when one is (``head.id_number``).
        code: stable machine-readable code within the service, e.g. ``invalid_transition``.
    """

    code: ClassVar[str] = "error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class RuleViolation(DomainError):
    code = "rule_violation"


class InvalidValue(RuleViolation):
    code = "invalid_value"


class InvalidTransition(RuleViolation):
    code = "invalid_transition"


class Conflict(DomainError):
    code = "conflict"


class ConcurrentModification(Conflict):
    code = "concurrent_modification"


class NotFound(DomainError):
    code = "not_found"


class NotInScope(DomainError):
    code = "not_in_scope"
