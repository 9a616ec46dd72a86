"""What every aggregate shares: a version bumped per change, the events it raised, and the
checks on the texts and amounts commands bring."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from assistance.domain.errors import InvalidValue
from assistance.domain.events import DomainEvent, RecordedEvent


class Aggregate:
    """A consistency boundary.

    ``version`` starts at 0 for an aggregate not yet created and grows by one per recorded
    change; it becomes the integration event's ``aggregate_version`` and the optimistic
    concurrency check of the SQL repositories. Subclasses are dataclasses declaring ``id``,
    ``version`` and ``events``; reconstituting one from storage records nothing.
    """

    id: UUID
    version: int
    events: list[RecordedEvent]

    def _record(self, event: DomainEvent) -> None:
        self.version += 1
        self.events.append(
            RecordedEvent(event=event, aggregate_id=self.id, aggregate_version=self.version)
        )

    def _touch(self) -> None:
        """A change that publishes nothing (e.g. editing a draft) still moves the version."""
        self.version += 1


def clean_text(value: str, *, field: str, label: str, max_length: int) -> str:
    """Strip a free text and require it non-empty and at most ``max_length`` characters.

    Raises:
        InvalidValue: empty or too long.
    """
    cleaned = value.strip()
    if not cleaned:
        raise InvalidValue(f"{label}不能为空", field=field)
    if len(cleaned) > max_length:
        raise InvalidValue(f"{label}不能超过{max_length}个字符", field=field)
    return cleaned


def ensure_fen(amount: int, *, field: str, label: str, positive: bool = False) -> int:
    """An amount in fen: an integer, never negative (never zero when ``positive``).

    Raises:
        InvalidValue: not an int, negative, or zero where a positive amount is needed.
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidValue(f"{label}须为以分计的整数", field=field)
    if amount < 0 or (positive and amount == 0):
        raise InvalidValue(f"{label}须{'大于' if positive else '不小于'}0", field=field)
    return amount


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (or earlier); 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
