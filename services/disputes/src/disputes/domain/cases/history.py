"""The tamper-evident history of a case: each entry carries the SHA-256 of the one before it.

An entry's hash covers its case, position, time, actor, action and payload and the previous
entry's hash, so editing, reordering or deleting a stored entry breaks the chain at that entry;
the case row keeps the head (count and last hash), so dropping the newest entry shows too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from shared.seedwork import DomainEvent

GENESIS = "0" * 64
"""The "previous hash" of a case's first entry."""


@dataclass(frozen=True)
class Entry:
    """One stored history entry."""

    case_id: UUID
    seq: int
    recorded_at: datetime
    actor: str
    action: str
    payload: Mapping[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Break:
    """Where a case's chain breaks first, and why (Chinese, for the auditor)."""

    case_id: UUID
    seq: int
    reason: str


def action_of(event: DomainEvent) -> str:
    """The entry's action name: the event's class name (``CaseAccepted``)."""
    return type(event).__name__


def payload_of(event: DomainEvent) -> dict[str, Any]:
    """The event's fields as JSON-ready values (no personal data: events hold none)."""
    fields = dataclasses.asdict(event)  # type: ignore[call-overload]
    return {k: _plain(v) for k, v in fields.items() if k not in ("case_id",)}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, UUID | date):
        return str(value) if isinstance(value, UUID) else value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def entry_hash(
    prev_hash: str,
    case_id: UUID,
    seq: int,
    recorded_at: datetime,
    actor: str,
    action: str,
    payload: Mapping[str, Any],
) -> str:
    """SHA-256 (hex) of the entry's canonical JSON, chained to ``prev_hash``."""
    body = json.dumps(
        [prev_hash, str(case_id), seq, recorded_at.isoformat(), actor, action, payload],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def first_break(
    case_id: UUID, entries: Iterable[Entry], head_seq: int, head_hash: str
) -> Break | None:
    """Recompute a case's chain in stored order; the first entry that does not hold, if any."""
    prev, expected_seq = GENESIS, 1
    for entry in entries:
        if entry.seq != expected_seq:
            return Break(case_id, expected_seq, f"第{expected_seq}条记录缺失或顺序被改动")
        if entry.prev_hash != prev:
            return Break(case_id, entry.seq, f"第{entry.seq}条记录的前序哈希不符（前一条被删改）")
        again = entry_hash(
            prev,
            entry.case_id,
            entry.seq,
            entry.recorded_at,
            entry.actor,
            entry.action,
            entry.payload,
        )
        if again != entry.hash:
            return Break(case_id, entry.seq, f"第{entry.seq}条记录的内容与哈希不符（被篡改）")
        prev, expected_seq = entry.hash, expected_seq + 1
    if expected_seq - 1 != head_seq or prev != (head_hash if head_seq else GENESIS):
        return Break(case_id, expected_seq, f"第{expected_seq}条起的记录缺失（与案件记录不符）")
    return None
