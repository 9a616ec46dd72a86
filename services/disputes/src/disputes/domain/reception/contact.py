"""接待来访/信访: every contact a worker makes, closed as answered or turned into a case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from shared.seedwork import Aggregate, DomainEvent, InvalidTransition, InvalidValue, RecordedEvent

from disputes.domain.cases.codes import Category, Channel
from disputes.domain.dating import Dating


@dataclass(frozen=True)
class ContactLogged(DomainEvent):
    contact_id: UUID
    org_id: UUID
    channel: Channel
    workers_involved: int
    category: Category | None
    contacted_on: date


@dataclass(frozen=True)
class ContactClosed(DomainEvent):
    contact_id: UUID
    org_id: UUID
    outcome: str
    case_id: UUID | None
    closed_on: date


@dataclass(eq=False)
class Contact(Aggregate):
    id: UUID
    org_id: UUID
    channel: Channel
    category: Category | None
    workers_involved: int
    contacted_on: date
    caller_cipher: bytes | None = field(repr=False)
    topic_cipher: bytes = field(repr=False)
    status: str = "open"
    answer_cipher: bytes | None = field(default=None, repr=False)
    case_id: UUID | None = None
    closed_on: date | None = None
    entered_by: str | None = None
    version: int = 0
    events: list[RecordedEvent] = field(default_factory=list)

    @classmethod
    def log(cls, *, dating: Dating, **state: object) -> Contact:
        """登记来访: who came (sealed), how, how many workers, about what."""
        contact = cls(**state)  # type: ignore[arg-type]
        dating.check(contact.contacted_on, field="contacted_on", label="来访日期")
        if contact.workers_involved < 1:
            raise InvalidValue("涉及职工人数至少为1", field="workers_involved")
        contact._record(
            ContactLogged(
                contact.id,
                contact.org_id,
                contact.channel,
                contact.workers_involved,
                contact.category,
                contact.contacted_on,
            )
        )
        return contact

    def answer(self, answer_cipher: bytes, on: date) -> None:
        """当场答复: closed without a case."""
        self._close("answered", on, None)
        self.answer_cipher = answer_cipher

    def open_case(self, case_id: UUID, on: date) -> None:
        """转为案件."""
        self._close("case_opened", on, case_id)

    def _close(self, outcome: str, on: date, case_id: UUID | None) -> None:
        if self.status != "open":
            raise InvalidTransition("该来访已办结", field="status")
        if on < self.contacted_on:
            raise InvalidValue("办结日期不能早于来访日期", field="closed_on")
        self.status, self.case_id, self.closed_on = outcome, case_id, on
        self._record(ContactClosed(self.id, self.org_id, outcome, case_id, on))
