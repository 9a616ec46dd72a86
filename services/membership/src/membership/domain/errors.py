"""Membership's domain errors, each in one of the kit's four families
(:mod:`shared.seedwork.errors`); the families themselves are imported from the kit."""

from __future__ import annotations

from shared.seedwork import Conflict, RuleViolation


class ParentNotAllowed(RuleViolation):
    code = "parent_not_allowed"


class CycleInTree(RuleViolation):
    code = "cycle_in_tree"


class OrganisationNotActive(RuleViolation):
    code = "organisation_not_active"


class NotAGrassrootsUnion(RuleViolation):
    code = "not_a_grassroots_union"


class OrganisationNotEmpty(RuleViolation):
    code = "organisation_not_empty"


class CensusInconsistent(RuleViolation):
    code = "census_inconsistent"


class InvalidContract(RuleViolation):
    code = "invalid_contract"


class AlreadyAMember(Conflict):
    code = "already_a_member"


class DuplicateUscc(Conflict):
    code = "duplicate_uscc"


class RootAlreadyExists(Conflict):
    code = "root_already_exists"
