"""Unique constraints of the aid tables: the request field each protects, and the conflict a
violation means when more precise than ``Conflict`` (merged into ``sql_base``'s tables)."""

from __future__ import annotations

from assistance.domain.aid_errors import AlreadyEnrolled
from assistance.domain.errors import Conflict

AID_CONSTRAINT_FIELDS: dict[str, str] = {
    "one_budget_per_org_programme_year": "org_id",
    "one_payment_per_application": "application_id",
    "one_payment_per_batch_household": "household_id",
    "one_enrolment_per_member_year": "member_id",
}
AID_CONSTRAINT_ERRORS: dict[str, type[Conflict]] = {
    "one_enrolment_per_member_year": AlreadyEnrolled,
}
