"""The street's assistance figures for the year as the plan makes them: what reporting should say.

The window is the plan's year with ``today`` as the stock date (``period=2026&as_of=…``):
households on file by level today, and the year's flows up to today.
"""

from __future__ import annotations

from typing import Any

from demo.assistance_plan import AssistancePlan

PROGRAMMES = ("festival_consolation", "student_aid", "medical_aid", "emergency_relief",
              "summer_relief")  # fmt: skip
OCCASIONS = ("hospital", "university_entry", "festival", "wedding", "funeral", "other")
HOUSEHOLD_KEYS = (
    "on_file", "deep", "relative", "accident", "temporary", "filed", "exited", "cancelled",
)  # fmt: skip
VISIT_KEYS = ("visits", "households", "employers")
DONATION_KEYS = ("receipts", "amount_fen")
INSURANCE_KEYS = ("enrolled_members", "enrolments", "premium_fen", "claims", "claims_fen")


def expected_assistance(assist: AssistancePlan) -> dict[str, Any]:
    """Households, aid by programme, visits, donations and insurance as the plan makes them."""
    return {
        "households": _households(assist),
        "aid": _aid(assist),
        "visits": _visits(assist),
        "donations": _donations(assist),
        "insurance": _insurance(assist),
    }


def _households(assist: AssistancePlan) -> dict[str, int]:
    closings = [h.closing for h in assist.households if h.closing is not None]
    on_file = [h for h in assist.households if h.closing is None]
    return {
        "on_file": len(on_file),
        "deep": sum(h.level == "deep" for h in on_file),
        "relative": sum(h.level == "relative" for h in on_file),
        "accident": sum(h.level == "accident" for h in on_file),
        "temporary": sum(h.temporary and h.formalised_on is None for h in on_file),
        "filed": len(assist.households),
        "exited": sum(c.action == "exit" for c in closings),
        "cancelled": sum(c.action == "cancel" for c in closings),
    }


def aid_paid(assist: AssistancePlan) -> dict[str, list[int]]:
    """The amount of every payment, by programme: batch items and approved applications."""
    paid: dict[str, list[int]] = {programme: [] for programme in PROGRAMMES}
    for batch in assist.batches:
        paid[batch.programme].extend(batch.amount_fen for _ in batch.households)
    for application in assist.applications:
        if application.approved_fen is not None:
            paid[application.programme].append(application.approved_fen)
    return paid


def _aid(assist: AssistancePlan) -> dict[str, Any]:
    paid = aid_paid(assist)
    return {
        "payments": sum(len(amounts) for amounts in paid.values()),
        "amount_fen": sum(sum(amounts) for amounts in paid.values()),
        "by_programme": {
            programme: {"payments": len(amounts), "amount_fen": sum(amounts)}
            for programme, amounts in paid.items()
        },
    }


def _visits(assist: AssistancePlan) -> dict[str, Any]:
    visited = {v.household for v in assist.visits}
    return {
        "visits": len(assist.visits),
        "households": len(visited),
        "employers": len({assist.household(key).employer_key for key in visited}),
        "by_occasion": {
            occasion: sum(v.occasion == occasion for v in assist.visits) for occasion in OCCASIONS
        },
    }


def _donations(assist: AssistancePlan) -> dict[str, int]:
    receipts = assist.campaign.receipts if assist.campaign else ()
    return {"receipts": len(receipts), "amount_fen": sum(r.amount_fen for r in receipts)}


def _insurance(assist: AssistancePlan) -> dict[str, int]:
    return {
        "enrolled_members": len({e.member.index for e in assist.enrolments}),
        "enrolments": len(assist.enrolments),
        "premium_fen": sum(e.premium_fen for e in assist.enrolments),
        "claims": len(assist.claims),
        "claims_fen": sum(c.amount_fen for c in assist.claims),
    }


def reported_assistance(view: dict[str, Any]) -> dict[str, Any]:
    """The reporting answer cut down to the keys of :func:`expected_assistance`."""
    aid = view["aid"]
    visits = view["visits"]
    return {
        "households": {key: view["households"][key] for key in HOUSEHOLD_KEYS},
        "aid": {
            "payments": aid["payments"],
            "amount_fen": aid["amount_fen"],
            "by_programme": {
                programme: {
                    key: aid["by_programme"].get(programme, {}).get(key, 0)
                    for key in ("payments", "amount_fen")
                }
                for programme in PROGRAMMES
            },
        },
        "visits": {
            **{key: visits[key] for key in VISIT_KEYS},
            "by_occasion": {o: visits["by_occasion"].get(o, 0) for o in OCCASIONS},
        },
        "donations": {key: view["donations"][key] for key in DONATION_KEYS},
        "insurance": {key: view["insurance"][key] for key in INSURANCE_KEYS},
    }
