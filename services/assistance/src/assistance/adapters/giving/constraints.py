"""What the giving tables' unique constraints mean to a caller."""

from __future__ import annotations

from collections.abc import Mapping

from shared.adapters import ConflictRule

from assistance.domain.giving.errors import AlreadyEnrolled

CONFLICT_RULES: Mapping[str, ConflictRule] = {
    "one_enrolment_per_member_year": ConflictRule(field="member_id", error=AlreadyEnrolled),
}
