"""The rows behind each source of the annual report: one row per fact, from the same selections
the statistics count (``breakdowns``, ``employer_breakdown``, ``assistance_statistics``).

Every row query yields ``id``, ``on_day`` (the date the fact counts on), ``org_id`` (the
organisation it counts under), ``value`` (the figure a sum adds up, or NULL) and the columns the
filters test. Members are read from their periods and facts, as the totals are kept from them;
the totals do not keep members' sex and 农民工 status, so those counts are these rows counted.
"""

from __future__ import annotations

from reporting.adapters.queries.assistance_statistics import PAID_ROWS, SEEN_ROWS
from reporting.adapters.queries.breakdowns import (
    COMMITTEES_IN_OFFICE,
    CONTRACTS_IN_FORCE,
    CONTRACTS_SIGNED,
    ORGANISATIONS_ON_DAY,
)
from reporting.adapters.queries.dispute_sql import (
    ACCEPTED_ROWS,
    CASE_FLOW_ROWS,
    CONTACT_ROWS,
    LEGAL_AID_ROWS,
)
from reporting.adapters.queries.employer_breakdown import EMPLOYER_ROWS
from reporting.domain.annual_figures import PROFILE_MEASURES

_NO_VALUE = "NULL::numeric"
_SUB = "unnest($1::uuid[], $2::date[], $3::date[]) AS s(org_id, lo, hi)"

ORGANISATIONS = f"""SELECT org_id AS id, founded_on AS on_day, org_id, {_NO_VALUE} AS value,
    kind, grassroots_mode AS mode FROM ({ORGANISATIONS_ON_DAY}) o"""


def committees(measure: str) -> str:
    """Committees in office; ``members_seated`` sums their sizes."""
    value = "size::numeric" if measure == "members_seated" else _NO_VALUE
    return f"""SELECT committee_id AS id, term_start AS on_day, org_id, {value} AS value
    FROM ({COMMITTEES_IN_OFFICE}) c"""


def contracts(signed: bool, measure: str) -> str:
    """Contracts in force on the day, or signed in the window; a coverage measure sums it."""
    value = f"{measure}::numeric" if measure != "contracts" else _NO_VALUE
    rows = CONTRACTS_SIGNED if signed else CONTRACTS_IN_FORCE
    return f"""SELECT contract_id AS id, signed_on AS on_day, union_id AS org_id,
    {value} AS value, signing_party AS party FROM ({rows}) k"""


_EMPLOYER_MEASURES = {
    "employers": ("TRUE", _NO_VALUE),
    "workers": ("counted", "workers"),
    "covered_employers": ("covered", _NO_VALUE),
    "covered_workers": ("covered AND counted", "workers"),
    "women_workers": ("women IS NOT NULL", "women"),
    "women_unknown": ("counted AND women IS NULL", _NO_VALUE),
    "migrant_workers": ("migrant_workers IS NOT NULL", "migrant_workers"),
    "migrant_unknown": ("counted AND migrant_workers IS NULL", _NO_VALUE),
}


def employers(measure: str) -> str:
    """The employers counted on the stock date that the measure takes."""
    condition, value = _EMPLOYER_MEASURES[measure]
    return f"""SELECT * FROM ({EMPLOYER_ROWS}
    SELECT employer_id AS id, registered_on AS on_day, territory_org_id AS org_id,
        {value}::numeric AS value, ownership_class, band
    FROM one WHERE {condition}) e"""


_MEMBERS_ON_DAY = f"""SELECT p.member_id AS id, p.valid_from AS on_day, p.union_id AS org_id,
    {_NO_VALUE} AS value, p.status, p.sex, p.is_migrant
FROM {_SUB} JOIN membership_periods p
    ON s.org_id = p.union_id AND $4::date >= s.lo AND $4::date < s.hi
WHERE p.valid_from <= $4::date AND (p.valid_to IS NULL OR p.valid_to > $4::date)"""
_MEMBER_FLOWS = f"""SELECT f.member_id AS id, f.effective_on AS on_day, f.union_id AS org_id,
    {_NO_VALUE} AS value, f.fact, f.sex, f.is_migrant
FROM {_SUB} JOIN member_facts f
    ON s.org_id = f.union_id AND f.effective_on >= s.lo AND f.effective_on < s.hi
WHERE f.effective_on >= $4::date AND f.effective_on < $5::date"""
_MEMBER_MEASURES = {
    "active": "status = 'active'",
    "retained": "status = 'retained'",
    "active_female": "status = 'active' AND sex = 'female'",
    "active_sex_unknown": "status = 'active' AND sex IS NULL",
    "active_migrant": "status = 'active' AND is_migrant",
    "active_migrant_unknown": "status = 'active' AND is_migrant IS NULL",
    "admitted": "fact = 'admitted'",
    "admitted_female": "fact = 'admitted' AND sex = 'female'",
    "admitted_migrant": "fact = 'admitted' AND is_migrant",
    "members_left": "fact = 'left'",
}
MEMBER_STOCKS = frozenset({"active", "retained", *PROFILE_MEASURES})


def members(measure: str) -> str:
    """Members in a union of the subtree on the day, or the admissions (leavings) of the
    window, each where its union stood in the tree that day."""
    rows = _MEMBERS_ON_DAY if measure in MEMBER_STOCKS else _MEMBER_FLOWS
    return f"SELECT * FROM ({rows}) m WHERE {_MEMBER_MEASURES[measure]}"


def aid(measure: str) -> str:
    """Payments (人次, or yuan for ``amount``), or the distinct people and employers paid."""
    if measure in ("people", "employers"):
        return _distinct(PAID_ROWS, measure, "paid_on", "payment_id")
    value = "amount_fen::numeric / 100" if measure == "amount" else _NO_VALUE
    return f"""SELECT payment_id AS id, paid_on AS on_day, org_id, {value} AS value, programme
    FROM ({PAID_ROWS}) a"""


def visits(measure: str) -> str:
    """Visits (人次), or the distinct people and employers visited."""
    if measure in ("people", "employers"):
        return _distinct(SEEN_ROWS, measure, "visited_on", "visit_id")
    return f"""SELECT visit_id AS id, visited_on AS on_day, org_id, {_NO_VALUE} AS value
    FROM ({SEEN_ROWS}) v"""


def _distinct(rows: str, measure: str, day: str, key: str) -> str:
    """One row per person (or employer), dated by the first time it was reached."""
    column = "person" if measure == "people" else "employer_id"
    return f"""SELECT DISTINCT ON ({column}) {column} AS id, {day} AS on_day, org_id,
        {_NO_VALUE} AS value
    FROM ({rows}) x WHERE {column} IS NOT NULL ORDER BY {column}, {day}, {key}"""


def disputes(measure: str) -> str:
    """Contacts, cases accepted (with their workers), cases settled or closed, legal aid."""
    if measure in ("contacts", "contact_workers"):
        value = "workers_involved::numeric" if measure == "contact_workers" else _NO_VALUE
        return f"""SELECT contact_id AS id, logged_on AS on_day, org_id, {value} AS value
    FROM ({CONTACT_ROWS}) c"""
    if measure == "legal_aid":
        return f"""SELECT aid_id AS id, granted_on AS on_day, org_id, {_NO_VALUE} AS value
    FROM ({LEGAL_AID_ROWS}) g"""
    if measure in ("accepted", "case_workers"):
        value = "COALESCE(workers, 0)::numeric" if measure == "case_workers" else _NO_VALUE
        return f"""SELECT case_id AS id, effective_on AS on_day, org_id, {value} AS value
    FROM ({ACCEPTED_ROWS}) a"""
    return f"""SELECT case_id AS id, effective_on AS on_day, org_id, {_NO_VALUE} AS value
    FROM ({CASE_FLOW_ROWS}) f WHERE counted_case AND fact = '{measure}'"""
