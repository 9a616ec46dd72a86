"""What membership's unique constraints mean to a caller: the field at fault."""

from __future__ import annotations

from collections.abc import Mapping

from shared.adapters import ConflictRule

CONFLICT_RULES: Mapping[str, ConflictRule] = {
    "employers_uscc_key": ConflictRule(field="uscc"),
    "members_one_current_per_person": ConflictRule(field="id_number"),
}
