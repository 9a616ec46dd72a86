"""Extending the 15-day limit (延期): both parties agree, and every extension says why."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from disputes.adapters.cases import codec
from disputes.domain.cases import events as ev
from disputes.domain.cases.case import Case
from disputes.domain.cases.codes import ExtensionReason
from disputes.domain.cases.history import payload_of
from shared.seedwork import InvalidValue

from .test_case_rules import TODAY, received


def accepted() -> Case:
    case = received()
    case.accept(TODAY, TODAY)
    case.events.clear()
    return case


def later(case: Case, days: int = 10) -> date:
    assert case.due_on is not None
    return case.due_on + timedelta(days=days)


def test_an_extension_keeps_its_reason_and_sealed_note() -> None:
    case = accepted()
    due = later(case)
    case.extend_deadline(
        due, True, TODAY, TODAY, reason=ExtensionReason.AWAITING_EVIDENCE, note_cipher=b"sealed"
    )
    assert case.due_on == due
    (extension,) = case.extensions
    assert (extension.no, extension.reason, extension.note_cipher) == (
        1,
        ExtensionReason.AWAITING_EVIDENCE,
        b"sealed",
    )
    event = case.events[-1].event
    assert isinstance(event, ev.DeadlineExtended)
    assert event.reason == ExtensionReason.AWAITING_EVIDENCE


def test_the_history_entry_holds_the_code_and_never_the_note() -> None:
    case = accepted()
    case.extend_deadline(
        later(case), True, TODAY, TODAY, reason=ExtensionReason.OTHER, note_cipher=b"sealed"
    )
    payload = payload_of(case.events[-1].event)
    assert payload["reason"] == "other"
    assert "sealed" not in str(payload)
    assert "note" not in payload


def test_other_needs_a_note() -> None:
    case = accepted()
    with pytest.raises(InvalidValue) as refused:
        case.extend_deadline(later(case), True, TODAY, TODAY, reason=ExtensionReason.OTHER)
    assert refused.value.field == "note"
    assert (case.extensions, case.events) == ((), [])


def test_unknown_is_never_recorded_anew() -> None:
    case = accepted()
    with pytest.raises(InvalidValue) as refused:
        case.extend_deadline(later(case), True, TODAY, TODAY, reason=ExtensionReason.UNKNOWN)
    assert refused.value.field == "reason"
    assert case.extensions == ()


def test_without_both_parties_no_reason_helps() -> None:
    case = accepted()
    due_before = case.due_on
    with pytest.raises(InvalidValue) as refused:
        case.extend_deadline(later(case), False, TODAY, TODAY, reason=ExtensionReason.PARTY_REQUEST)
    assert refused.value.field == "both_parties_agreed"
    assert (case.due_on, case.extensions) == (due_before, ())


def test_extensions_are_numbered_in_order() -> None:
    case = accepted()
    case.extend_deadline(later(case), True, TODAY, TODAY, reason=ExtensionReason.PARTY_REQUEST)
    case.extend_deadline(later(case, 5), True, TODAY, TODAY, reason=ExtensionReason.SETTLEMENT_NEAR)
    assert [(x.no, x.reason) for x in case.extensions] == [
        (1, ExtensionReason.PARTY_REQUEST),
        (2, ExtensionReason.SETTLEMENT_NEAR),
    ]


def test_an_extension_stored_without_a_reason_reads_back_as_unknown() -> None:
    old = [{"no": 1, "agreed_on": "2026-06-01", "due_on": "2026-06-20", "note": None}]
    (extension,) = codec.extensions_from(old)
    assert extension.reason == ExtensionReason.UNKNOWN
    assert extension.note_cipher is None
