"""延长调解期限 (延期): 劳动争议调解仲裁法 art. 14 gives mediation 15 days from acceptance; the
limit moves only when both parties agree, and every extension says why (延期理由)."""

from __future__ import annotations

from datetime import date, timedelta

from shared.seedwork import InvalidValue

from disputes.domain.cases import events as ev
from disputes.domain.cases.codes import CaseStatus, ExtensionReason
from disputes.domain.cases.parts import Extension
from disputes.domain.cases.state import CaseState

MAX_EXTENSION_DAYS = 15
"""One extension, agreed by both parties, moves the due date by at most this much."""
NOTE_MAX_LENGTH = 500
"""The longest note (说明) an extension keeps."""


class CaseExtension(CaseState):
    """Extending the mediation limit (a mixin of the case aggregate)."""

    def extend_deadline(
        self,
        due_on: date,
        both_parties_agreed: bool,
        on: date,
        today: date,
        *,
        reason: ExtensionReason,
        note_cipher: bytes | None = None,
    ) -> None:
        """延长调解期限: both parties agree, by at most 15 days, forward only, with a reason.

        ``note_cipher`` is the sealed note (说明), required when the reason is 其他.
        """
        self._require("延长调解期限", CaseStatus.ACCEPTED, CaseStatus.MEDIATING)
        if not both_parties_agreed:
            raise InvalidValue("延长调解期限须经双方当事人同意", field="both_parties_agreed")
        _check_reason(reason, note_cipher)
        self._check_day(on, today, field="agreed_on", label="同意延长日期")
        assert self.due_on is not None
        if due_on <= self.due_on:
            raise InvalidValue("新的期限须晚于原期限", field="due_on")
        if due_on > self.due_on + timedelta(days=MAX_EXTENSION_DAYS):
            raise InvalidValue(f"每次延长不超过{MAX_EXTENSION_DAYS}日", field="due_on")
        extension = Extension(len(self.extensions) + 1, on, due_on, reason, note_cipher)
        self.due_on, self.overdue = due_on, False
        self.extensions = (*self.extensions, extension)
        self._record(ev.DeadlineExtended(self.id, self.org_id, on, due_on, reason))


def _check_reason(reason: ExtensionReason, note_cipher: bytes | None) -> None:
    # 未记录 stands only for extensions recorded before a reason was asked: never a new one.
    if reason == ExtensionReason.UNKNOWN:
        raise InvalidValue("请选择延期理由", field="reason")
    if reason == ExtensionReason.OTHER and note_cipher is None:
        raise InvalidValue("延期理由为“其他”时须填写说明", field="note")
