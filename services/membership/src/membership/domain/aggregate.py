"""What every aggregate shares: a version bumped per change, the events it raised, and the
checks on the dates and texts commands bring."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from membership.domain.errors import InvalidValue
from membership.domain.events import DomainEvent, RecordedEvent


class Aggregate:
    """A consistency boundary.

    ``version`` starts at 0 for an aggregate not yet created and grows by one per recorded
    change; it becomes the integration event's ``aggregate_version`` and the optimistic
    concurrency check of the SQL repositories. Subclasses are dataclasses declaring ``id``,
    ``version`` and ``events``; reconstituting one from storage calls the constructor and
    records nothing.
    """

    id: UUID
    version: int
    events: list[RecordedEvent]

    def _record(self, event: DomainEvent) -> None:
        self.version += 1
        self.events.append(
            RecordedEvent(event=event, aggregate_id=self.id, aggregate_version=self.version)
        )


def ensure_effective_date(
    on: date, *, today: date, not_before: date, field: str, earliest_label: str
) -> None:
    """A change takes effect neither in the future nor before ``not_before``.

    Raises:
        InvalidValue: the date is out of range; ``earliest_label`` names the bound in Chinese.
    """
    if on > today:
        raise InvalidValue("生效日期不能晚于今天", field=field)
    if on < not_before:
        raise InvalidValue(f"生效日期不能早于{earliest_label}", field=field)


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


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
