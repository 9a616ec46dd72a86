"""Domain errors: a Chinese message for the user and the field at fault.

Four families, so an entrypoint maps them to responses without knowing each rule:
:class:`RuleViolation` (the request breaks a business rule), :class:`Conflict` (it collides
with existing state), :class:`NotFound` and :class:`NotInScope` (the caller's organisation
scope does not reach the target).
"""

from __future__ import annotations

from typing import ClassVar


class DomainError(Exception):
    """Base of every membership error.

    Attributes:
        message: Chinese, user-facing; never echoes personal data.
        field: the command field at fault, when one is.
        code: stable machine-readable code, e.g. ``membership.already_a_member``.
    """

    code: ClassVar[str] = "membership.error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class RuleViolation(DomainError):
    code = "membership.rule_violation"


class InvalidValue(RuleViolation):
    code = "membership.invalid_value"


class ParentNotAllowed(RuleViolation):
    code = "membership.parent_not_allowed"


class CycleInTree(RuleViolation):
    code = "membership.cycle_in_tree"


class OrganisationNotActive(RuleViolation):
    code = "membership.organisation_not_active"


class NotAGrassrootsUnion(RuleViolation):
    code = "membership.not_a_grassroots_union"


class OrganisationNotEmpty(RuleViolation):
    code = "membership.organisation_not_empty"


class InvalidTransition(RuleViolation):
    code = "membership.invalid_transition"


class CensusInconsistent(RuleViolation):
    code = "membership.census_inconsistent"


class InvalidContract(RuleViolation):
    code = "membership.invalid_contract"


class Conflict(DomainError):
    code = "membership.conflict"


class AlreadyAMember(Conflict):
    code = "membership.already_a_member"


class DuplicateUscc(Conflict):
    code = "membership.duplicate_uscc"


class RootAlreadyExists(Conflict):
    code = "membership.root_already_exists"


class ConcurrentModification(Conflict):
    code = "membership.concurrent_modification"


class NotFound(DomainError):
    code = "membership.not_found"


class NotInScope(DomainError):
    code = "membership.not_in_scope"
