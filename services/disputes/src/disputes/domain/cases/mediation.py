"""Mediation steps of a case: sessions, the agreement (调解成功) or failure (调解不成)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from shared.seedwork import InvalidTransition, InvalidValue, ensure_fen

from disputes.domain.cases import events as ev
from disputes.domain.cases.codes import CaseStatus, EvidenceKind, FailureReason
from disputes.domain.cases.parts import Agreement, EvidenceItem, Session
from disputes.domain.cases.state import OPEN, CaseState

MEDIA_TYPES = ("application/pdf", "image/jpeg", "image/png")
"""Evidence documents the service keeps."""


class CaseMediation(CaseState):
    """Sessions, agreement, failure and evidence (a mixin of the case aggregate)."""

    def schedule_session(self, scheduled_on: date, today: date) -> int:
        """安排调解: the next session's number."""
        self._require("安排调解", CaseStatus.MEDIATING)
        self._check_day(min(scheduled_on, today), today, field="scheduled_on", label="调解日期")
        no = len(self.sessions) + 1
        self.sessions = (*self.sessions, Session(no=no, scheduled_on=scheduled_on))
        self._record(ev.SessionScheduled(self.id, self.org_id, today, no, scheduled_on))
        return no

    def hold_session(
        self, no: int, held_on: date, attendees: int, record_cipher: bytes, today: date
    ) -> None:
        """调解笔录: a scheduled session was held, with who attended and its sealed minutes."""
        self._require("记录调解", CaseStatus.MEDIATING)
        session = next((s for s in self.sessions if s.no == no), None)
        if session is None:
            raise InvalidValue("调解场次不存在", field="session_no")
        if session.held_on is not None:
            raise InvalidTransition("该场调解已记录", field="session_no")
        self._check_day(held_on, today, field="held_on", label="调解日期")
        if attendees < 1:
            raise InvalidValue("须记录到场人员", field="attendees")
        held = replace(session, held_on=held_on, attendees=attendees, record_cipher=record_cipher)
        self.sessions = tuple(held if s.no == no else s for s in self.sessions)
        self._record(ev.SessionHeld(self.id, self.org_id, held_on, no, attendees))

    def settle(
        self, agreement: Agreement, worker_confirmed: bool, employer_confirmed: bool, today: date
    ) -> None:
        """调解成功: an agreement both parties confirmed, after at least one session held."""
        self._require("达成调解协议", CaseStatus.MEDIATING)
        if not any(s.held_on is not None for s in self.sessions):
            raise InvalidValue("须至少举行一次调解", field="sessions")
        if not worker_confirmed:
            raise InvalidValue("调解协议须经申请人确认", field="worker_confirmed")
        if not employer_confirmed:
            raise InvalidValue("调解协议须经被申请人确认", field="employer_confirmed")
        ensure_fen(agreement.agreed_fen, field="agreed_fen", label="协议金额")
        self._check_day(agreement.signed_on, today, field="signed_on", label="签订日期")
        self.status, self.agreement = CaseStatus.SETTLED, agreement
        facts = self.outcome_facts()
        self._record(
            ev.CaseSettled(self.id, self.org_id, agreement.signed_on, facts, agreement.agreed_fen)
        )

    def fail(self, reason: FailureReason, on: date, today: date) -> None:
        """调解不成 (逾期未结 only once the due date has passed)."""
        self._require("终止调解", *OPEN)
        self._check_day(on, today, field="failed_on", label="终止日期")
        if reason == FailureReason.DEADLINE_PASSED and (self.due_on is None or on <= self.due_on):
            raise InvalidValue("调解期限尚未届满", field="reason")
        self.status, self.failure_reason = CaseStatus.FAILED, reason
        self._record(ev.CaseFailed(self.id, self.org_id, on, self.outcome_facts(), reason))

    def attach_evidence(self, item: EvidenceItem, today: date) -> None:
        """A document of evidence, known by its SHA-256 (its content is kept beside the case)."""
        self._require("补充证据", CaseStatus.RECEIVED, *OPEN, CaseStatus.FAILED)
        if item.media_type not in MEDIA_TYPES:
            raise InvalidValue("证据须为 PDF、JPEG 或 PNG 文件", field="file")
        if any(e.sha256 == item.sha256 for e in self.evidence):
            raise InvalidValue("该证据已上传", field="file")
        self.evidence = (*self.evidence, item)
        self._record(
            ev.EvidenceAttached(
                self.id,
                self.org_id,
                today,
                item.evidence_id,
                EvidenceKind(item.kind),
                item.sha256,
                item.size_bytes,
                item.media_type,
            )
        )
