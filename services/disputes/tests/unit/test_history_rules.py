"""The hash chain's rules, without a server."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

from disputes.domain.cases.history import GENESIS, Entry, entry_hash, first_break


def chain(n: int) -> tuple[uuid.UUID, list[Entry]]:
    case_id, prev, entries = uuid.uuid4(), GENESIS, []
    at = datetime(2026, 6, 1, 8, 30, tzinfo=UTC)
    for seq in range(1, n + 1):
        payload = {"step": seq}
        digest = entry_hash(prev, case_id, seq, at, "mediator", f"Step{seq}", payload)
        entries.append(Entry(case_id, seq, at, "mediator", f"Step{seq}", payload, prev, digest))
        prev = digest
    return case_id, entries


def test_an_intact_chain_holds() -> None:
    case_id, entries = chain(4)
    assert first_break(case_id, entries, 4, entries[-1].hash) is None


def test_an_edited_payload_breaks_at_its_entry() -> None:
    case_id, entries = chain(4)
    entries[2] = replace(entries[2], payload={"step": 99})
    found = first_break(case_id, entries, 4, entries[-1].hash)
    assert found is not None
    assert found.seq == 3


def test_a_missing_entry_and_a_missing_tail_are_found() -> None:
    case_id, entries = chain(4)
    found = first_break(case_id, [*entries[:1], *entries[2:]], 4, entries[-1].hash)
    assert found is not None
    assert found.seq == 2
    found = first_break(case_id, entries[:3], 4, entries[-1].hash)
    assert found is not None
    assert found.seq == 4
