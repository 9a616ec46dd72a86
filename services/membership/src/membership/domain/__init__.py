"""The membership domain: pure rules of the organisation tree, employers, members, transfers and
collective contracts. No I/O; imports only the standard library and ``shared.identifiers``."""

from membership.domain.committee import Committee, CommitteeMember, CommitteeRole, TermDates
from membership.domain.contract import (
    CollectiveContract,
    ContractKind,
    ContractStatus,
    SigningParty,
)
from membership.domain.employer import Census, Coverage, Employer
from membership.domain.identity import PersonalData, RealName
from membership.domain.kinds import GrassrootsMode, OrganisationKind, OrganisationStatus
from membership.domain.member import (
    HouseholdType,
    LeavingReason,
    Member,
    MemberStatus,
    RetentionReason,
)
from membership.domain.organisation import Term, UnionOrganisation
from membership.domain.registration import Ownership
from membership.domain.transfer import Transfer, TransferReason

__all__ = [
    "Census",
    "CollectiveContract",
    "Committee",
    "CommitteeMember",
    "CommitteeRole",
    "ContractKind",
    "ContractStatus",
    "Coverage",
    "Employer",
    "GrassrootsMode",
    "HouseholdType",
    "LeavingReason",
    "Member",
    "MemberStatus",
    "OrganisationKind",
    "OrganisationStatus",
    "Ownership",
    "PersonalData",
    "RealName",
    "RetentionReason",
    "SigningParty",
    "Term",
    "TermDates",
    "Transfer",
    "TransferReason",
    "UnionOrganisation",
]
