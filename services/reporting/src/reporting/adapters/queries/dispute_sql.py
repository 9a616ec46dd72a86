"""The SQL of the mediation indicators: facts joined to the tree as it stood on their date.

Every statement takes the subtree as ``$1, $2, $3`` (arrays of org id, first day, day after
the last; see :func:`reporting.adapters.queries.statistics.subtree`). A case fact counts once
per case and kind: the first of its kind by version (a fact published again under a newer
version adds nothing), except recoveries, each a payment of its own, and overdue notices.
"""

from __future__ import annotations

_SUB = "unnest($1::uuid[], $2::date[], $3::date[]) AS s(org_id, lo, hi)"


def _at(org: str, on: str) -> str:
    return f"s.org_id = {org} AND {on} >= s.lo AND {on} < s.hi"


_FIRST_OF_KIND = (
    "NOT EXISTS (SELECT 1 FROM dispute_case_facts e"
    " WHERE e.case_id = f.case_id AND e.fact = f.fact AND e.version < f.version)"
)
_ACCEPTED = (
    "EXISTS (SELECT 1 FROM dispute_case_facts x WHERE x.case_id = f.case_id"
    " AND x.fact = 'accepted')"
)

# $4 first day, $5 day after the last. One row per kind of fact and detail (outcome, reason,
# target): facts, cases (first of their kind; a closing only of an accepted case) and amounts.
# The row queries (capitals, ``_ROWS``) are also what the annual report's drill-down lists.
CASE_FLOW_ROWS = f"""
SELECT f.case_id, f.effective_on, f.org_id, f.fact, f.detail, f.amount_fen,
    {_FIRST_OF_KIND} AS first_of_kind,
    {_FIRST_OF_KIND} AND (f.fact <> 'closed' OR {_ACCEPTED}) AS counted_case
FROM {_SUB} JOIN dispute_case_facts f ON {_at("f.org_id", "f.effective_on")}
WHERE f.effective_on >= $4 AND f.effective_on < $5 AND f.fact <> 'accepted'
"""
FLOWS_SQL = f"""
SELECT fact, detail, count(*) AS facts, count(*) FILTER (WHERE counted_case) AS cases,
    COALESCE(sum(amount_fen) FILTER (WHERE fact = 'recovery' OR first_of_kind), 0)::bigint
        AS amount_fen
FROM ({CASE_FLOW_ROWS}) f
GROUP BY fact, detail
"""

# $4 first day, $5 day after the last. Cases accepted, by category, with what their
# registration said: workers, of whom 农民工, collective, amount claimed.
ACCEPTED_ROWS = f"""
SELECT f.case_id, f.effective_on, f.org_id, f.category, r.workers, r.migrant, r.collective,
    r.claimed_fen
FROM {_SUB} JOIN dispute_case_facts f ON {_at("f.org_id", "f.effective_on")}
LEFT JOIN LATERAL (
    SELECT g.workers, g.migrant, g.collective, g.claimed_fen FROM dispute_case_facts g
    WHERE g.case_id = f.case_id AND g.fact = 'received' ORDER BY g.version LIMIT 1
) r ON true
WHERE f.fact = 'accepted' AND f.effective_on >= $4 AND f.effective_on < $5 AND {_FIRST_OF_KIND}
"""
ACCEPTED_SQL = f"""
SELECT category, count(*) AS cases, COALESCE(sum(workers), 0)::bigint AS workers,
    COALESCE(sum(migrant), 0)::bigint AS migrant,
    count(*) FILTER (WHERE collective) AS collective,
    COALESCE(sum(claimed_fen), 0)::bigint AS claimed_fen
FROM ({ACCEPTED_ROWS}) f
GROUP BY category
"""

# $4 stock date. Accepted by then, counted where it was held that day (the organisation of its
# latest acceptance or transfer 移交 dated by then) in the tree as it stood that day, without an
# outcome or closing by then, and the due date in force (the acceptance's, or the latest
# extension dated by then) passed.
_HOLDING = "f.fact IN ('accepted', 'transferred') AND f.effective_on <= $4"
OVERDUE_SQL = f"""
SELECT count(*) AS open_overdue
FROM {_SUB} JOIN dispute_case_facts f ON {_at("f.org_id", "$4::date")}
WHERE {_HOLDING}
    AND NOT EXISTS (SELECT 1 FROM dispute_case_facts t WHERE t.case_id = f.case_id
        AND t.fact IN ('accepted', 'transferred') AND t.effective_on <= $4
        AND t.version > f.version)
    AND EXISTS (SELECT 1 FROM dispute_case_facts a WHERE a.case_id = f.case_id
        AND a.fact = 'accepted' AND a.effective_on <= $4)
    AND NOT EXISTS (SELECT 1 FROM dispute_case_facts c WHERE c.case_id = f.case_id
        AND c.fact IN ('settled', 'failed', 'referred', 'withdrawn', 'closed')
        AND c.effective_on <= $4)
    AND (SELECT d.due_on FROM dispute_case_facts d WHERE d.case_id = f.case_id
        AND d.fact IN ('accepted', 'deadline_extended') AND d.effective_on <= $4
        ORDER BY d.version DESC LIMIT 1) < $4
"""

# $4 first day, $5 day after the last. Every extension dated in the period is one (a case
# extended twice counts twice), by its reason.
EXTENSIONS_SQL = f"""
SELECT f.extension_reason AS reason, count(*) AS extensions
FROM {_SUB} JOIN dispute_case_facts f ON {_at("f.org_id", "f.effective_on")}
WHERE f.fact = 'deadline_extended' AND f.effective_on >= $4 AND f.effective_on < $5
GROUP BY 1
"""

# $4 first day, $5 day after the last.
CONTACT_ROWS = f"""
SELECT c.* FROM {_SUB} JOIN dispute_contacts c ON {_at("c.org_id", "c.logged_on")}
WHERE c.logged_on >= $4 AND c.logged_on < $5
"""
CONTACTS_SQL = f"""
SELECT channel, count(*) AS contacts, sum(workers_involved)::bigint AS workers
FROM ({CONTACT_ROWS}) c
GROUP BY channel
"""

LEGAL_AID_ROWS = f"""
SELECT g.* FROM {_SUB} JOIN dispute_legal_aid g ON {_at("g.org_id", "g.granted_on")}
WHERE g.granted_on >= $4 AND g.granted_on < $5
"""
LEGAL_AID_SQL = f"""
SELECT stage, count(*) AS granted FROM ({LEGAL_AID_ROWS}) g GROUP BY stage
"""

# $4 first day of the year, $5 first day of the next. Per month: cases accepted, accepted
# cases closed, and cases settled.
MONTHLY_SQL = f"""
SELECT extract(month FROM f.effective_on)::int AS month, f.fact, count(*) AS cases
FROM {_SUB} JOIN dispute_case_facts f ON {_at("f.org_id", "f.effective_on")}
WHERE f.effective_on >= $4 AND f.effective_on < $5
    AND f.fact IN ('accepted', 'closed', 'settled') AND {_FIRST_OF_KIND}
    AND (f.fact <> 'closed' OR {_ACCEPTED})
GROUP BY 1, 2
"""

NAME_SQL = (
    "SELECT name FROM org_versions WHERE org_id = $1"
    " ORDER BY (valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)) DESC, valid_from DESC"
    " LIMIT 1"
)
CHILDREN_SQL = (
    "SELECT org_id FROM org_versions WHERE parent_id = $1"
    " AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) ORDER BY name, org_id"
)
