"""In-memory file suggestions for the unit tests; ``fakes.FAKE_REPOSITORIES`` includes them.

Like the other fakes, the repository keeps copies in the store's table and writes only at
commit, refusing a second pending suggestion of a member as the SQL partial unique index does.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from assistance.domain.referrals.suggestion import FileSuggestion
from assistance.service_layer.referrals.ports import FileSuggestionRepository
from shared.seedwork import ConcurrentModification, Conflict
from shared.tracking import Changed


class FakeFileSuggestionRepository(FileSuggestionRepository):
    def __init__(self, store: Any) -> None:
        super().__init__()
        self.table: dict[UUID, FileSuggestion] = store.table("file_suggestions")

    async def _get(self, aggregate_id: UUID) -> FileSuggestion | None:
        found = self.table.get(aggregate_id)
        return copy.deepcopy(found) if found else None

    async def _pending_for(self, member_id: UUID) -> list[FileSuggestion]:
        return [
            copy.deepcopy(s)
            for s in self.table.values()
            if s.member_id == member_id and s.is_pending
        ]

    async def _persist(
        self, added: Sequence[FileSuggestion], changed: Sequence[Changed[FileSuggestion]]
    ) -> None:
        for change in changed:
            if self.table[change.aggregate.id].version != change.loaded_version:
                raise ConcurrentModification("记录已被他人修改，请刷新后重试")
        for suggestion in added:
            pending = [s for s in self.table.values() if s.member_id == suggestion.member_id]
            if suggestion.id in self.table or any(s.is_pending for s in pending):
                raise Conflict("该会员已有待处理的建档建议", field="member_id")
        for suggestion in [*added, *(change.aggregate for change in changed)]:
            self.table[suggestion.id] = copy.deepcopy(suggestion)


REFERRAL_FAKE_REPOSITORIES: dict[str, Callable[[Any], Any]] = {
    "file_suggestions": FakeFileSuggestionRepository,
}
