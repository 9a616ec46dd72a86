"""A miss handed over by another statement is not looked up again, until the unit ends."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID, uuid4

from shared.tracking import Changed, TrackingRepository


@dataclass
class Thing:
    id: UUID
    version: int = 1


class CountingRepository(TrackingRepository[Thing]):
    def __init__(self, stored: dict[UUID, Thing]) -> None:
        super().__init__()
        self.stored = stored
        self.reads = 0

    async def _get(self, aggregate_id: UUID) -> Thing | None:
        self.reads += 1
        return self.stored.get(aggregate_id)

    async def _persist(self, added: Sequence[Thing], changed: Sequence[Changed[Thing]]) -> None:
        for thing in added:
            self.stored[thing.id] = thing


def test_a_remembered_miss_answers_none_without_reading_until_reset() -> None:
    known = Thing(uuid4())
    repository = CountingRepository({known.id: known})
    repository.remember_missing(known.id)  # as a joined statement that found no row would

    async def scenario() -> tuple[Thing | None, int, Thing | None, int]:
        first = await repository.get(known.id)
        reads_before_reset = repository.reads
        repository.reset()
        return first, reads_before_reset, await repository.get(known.id), repository.reads

    first, reads_before_reset, after_reset, reads = asyncio.run(scenario())
    assert (first, reads_before_reset) == (None, 0)
    assert (after_reset, reads) == (known, 1)


def test_an_aggregate_added_after_a_miss_is_the_one_returned() -> None:
    repository = CountingRepository({})
    fresh = Thing(uuid4())
    repository.remember_missing(fresh.id)

    async def scenario() -> Thing | None:
        await repository.add(fresh)
        return await repository.get(fresh.id)

    assert asyncio.run(scenario()) is fresh
