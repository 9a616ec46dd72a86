"""What the aid tables' unique constraints mean to a caller: the field at fault."""

from __future__ import annotations

from collections.abc import Mapping

from shared.adapters import ConflictRule

CONFLICT_RULES: Mapping[str, ConflictRule] = {
    "one_budget_per_org_programme_year": ConflictRule(field="org_id"),
    "one_payment_per_application": ConflictRule(field="application_id"),
    "one_payment_per_batch_household": ConflictRule(field="household_id"),
}
