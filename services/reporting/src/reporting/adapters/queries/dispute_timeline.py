"""A member's dispute steps, read for the member timeline from the cases' facts.

Only CaseReceived and the outcome events name the applicants who are members; the other
steps of their cases (acceptance, referral, closing) reach them through the case. The steps
are joined when the timeline is read, not copied when an event comes, so whatever order a
case's events arrive in, every step of it is on its applicants' timelines.
"""

from __future__ import annotations

DISPUTES_EVENT_PREFIX = "disputes."
"""Timeline entries whose type starts with this hold dispute data."""

TIMELINE_FACTS = (
    "received", "accepted", "declined", "settled", "failed", "referred", "arbitration_decided",
    "withdrawn", "closed",
)  # fmt: skip
"""The steps of a case shown on its applicants' timelines (not the internal ones: mediators,
sessions, deadlines, overdue notices, recoveries)."""

# $1 the member. The columns of a ``member_timeline`` row, from the DISPUTES stream.
STEPS_SQL = f"""
SELECT f.event_id, f.event_type, f.effective_on AS occurred_on, f.recorded_at, f.org_id,
    f.data AS summary, 'DISPUTES' AS stream, f.seq
FROM dispute_case_applicants a JOIN dispute_case_facts f ON f.case_id = a.case_id
WHERE a.member_id = $1 AND f.fact IN ({", ".join(f"'{fact}'" for fact in TIMELINE_FACTS)})
"""
