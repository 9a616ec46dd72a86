"""The street's figures for ``PERIOD`` as the plan makes them: what the reporting API should say."""

from __future__ import annotations

from typing import Any

from demo.plan import LAST_DAY, PERIOD_START, Plan

CONTRACT_KINDS = ("comprehensive", "wage", "women")


def expected_figures(plan: Plan) -> dict[str, Any]:
    """Stock on the last day of 2025, flows of its second half, contracts by kind."""
    return {"stock": _stock(plan), "flows": _flows(plan), "contracts": _contracts(plan)}


def _stock(plan: Plan) -> dict[str, int]:
    censuses = [e.census_on(LAST_DAY) for e in plan.employers]
    statuses = {m.member: m.action for m in plan.movements if m.action != "transfer"}
    return {
        "employers": len(plan.employers),
        "workers": sum(c.workers for c in censuses),
        "women_workers": sum(c.women for c in censuses),
        "migrant_workers": sum(c.migrant_workers for c in censuses),
        "covered_employers": sum(e.covered_on is not None for e in plan.employers),
        "active_members": len(plan.members) - len(statuses),
        "retained_members": sum(action == "retain" for action in statuses.values()),
    }


def _flows(plan: Plan) -> dict[str, int]:
    admitted = [m for m in plan.members if PERIOD_START <= m.joined_on <= LAST_DAY]
    return {
        "unions_founded": sum(PERIOD_START <= u.founded_on <= LAST_DAY for u in plan.unions),
        "members_admitted": len(admitted),
        "admitted_migrant": sum(m.agricultural for m in admitted),
        "admitted_female": sum(m.female for m in admitted),
        # Every transfer stays inside the street: neither in nor out of it.
        "transfers_in": 0,
        "transfers_out": 0,
        "members_left": sum(
            m.action == "leave" and m.effective_on >= PERIOD_START for m in plan.movements
        ),
    }


def _contracts(plan: Plan) -> dict[str, dict[str, int]]:
    figures = {}
    for kind in CONTRACT_KINDS:
        of_kind = [c for c in plan.contracts if c.kind == kind]
        in_force = [c for c in of_kind if c.starts_on <= LAST_DAY <= c.ends_on]
        figures[kind] = {
            "in_force": len(in_force),
            "employers_covered": sum(len(c.employer_keys) for c in in_force),
            "workers_covered": sum(c.workers_covered for c in in_force),
            "signed_in_period": sum(PERIOD_START <= c.signed_on <= LAST_DAY for c in of_kind),
        }
    return figures


def reported_subset(statistics: dict[str, Any]) -> dict[str, Any]:
    """The reporting answer cut down to the keys of :func:`expected_figures`."""
    return {
        "stock": {key: statistics["stock"][key] for key in _STOCK_KEYS},
        "flows": {key: statistics["flows"][key] for key in _FLOW_KEYS},
        "contracts": {
            kind: {key: statistics["contracts"].get(kind, {}).get(key, 0) for key in _CONTRACT_KEYS}
            for kind in CONTRACT_KINDS
        },
    }


_STOCK_KEYS = (
    "employers",
    "workers",
    "women_workers",
    "migrant_workers",
    "covered_employers",
    "active_members",
    "retained_members",
)
_FLOW_KEYS = (
    "unions_founded",
    "members_admitted",
    "admitted_migrant",
    "admitted_female",
    "transfers_in",
    "transfers_out",
    "members_left",
)
_CONTRACT_KEYS = ("in_force", "employers_covered", "workers_covered", "signed_in_period")
