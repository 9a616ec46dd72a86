"""What the hardship files' unique constraints mean to a caller."""

from __future__ import annotations

from collections.abc import Mapping

from shared.adapters import ConflictRule

from assistance.domain.errors import AlreadyOnFile

CONFLICT_RULES: Mapping[str, ConflictRule] = {
    "one_active_file_per_person": ConflictRule(
        field="id_number", error=AlreadyOnFile, message="该人员已在另一份有效的困难档案中"
    ),
}
