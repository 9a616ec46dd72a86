"""The street's 2025 hardship assistance, entered in December 2026 through assistance's API.

Three households headed by members of different employers (H1: M2 of E1 in 贡院, H2: M4 of E2
in 贡院, H3: M7 of E6 at the street itself), filed in spring 2025; four payments approved through
the three-officer chain and paid on their own 2025 days (two to H1) and a festival batch paying
H1, H2 and H3 on 25 December; five visits entered one by
one (two to H1, one to H3, one to member M6 without a file, one to H4, the street's own file of
a head who is no member); then the imports of ``past_year_imports``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.identifiers import make_id_number

from .conftest import Services
from .past_year_imports import import_households, import_visits
from .past_year_street import Street
from .test_backdated_assistance import post, until

# key, head, level, filed on
HOUSEHOLDS = (("H1", "M2", "deep", "2025-04-01"), ("H2", "M4", "relative", "2025-05-01"),
              ("H3", "M7", "accident", "2025-03-01"))  # fmt: skip
STREET_HEAD = make_id_number("320104", date(1970, 2, 3), 40, "female")
"""H4's head, no member: the file is the street's own (本级), filed on 2025-02-10."""
# household, programme, requested, approved, submitted, opinion, review, approval, paid on
PAYMENTS = (
    ("H1", "medical_aid", 60_000, 50_000, "05-01", "05-03", "05-05", "05-08", "05-10"),
    ("H2", "medical_aid", 30_000, 30_000, "06-10", "06-12", "06-15", "06-18", "06-20"),
    ("H3", "emergency_relief", 40_000, 40_000, "08-15", "08-17", "08-19", "08-22", "08-25"),
    ("H1", "emergency_relief", 20_000, 20_000, "09-01", "09-02", "09-03", "09-05", "09-10"),
)
BUDGETS = {"medical_aid": 200_000, "emergency_relief": 100_000, "festival_consolation": 50_000}


def member_headed(street: Street, head: str, level: str) -> dict[str, Any]:
    return {"head": {"name": f"会员{head}", "id_number": street.id_numbers[head],
                     "member_id": street.members[head]},
            "level": level, "causes": ["illness"], "monthly_income_per_capita_fen": 80_000}  # fmt: skip


async def file_household(s: Services, body: dict[str, Any], on: str) -> str:
    """Drafted, submitted and filed as of ``on`` (the head's union decides where it counts)."""
    head = body["head"]["name"]

    async def drafted() -> str | None:  # the member reaches assistance's replica first
        response = await s.assistance.post("/api/v1/households", json=body)
        return str(response.json()["id"]) if response.status_code == 201 else None

    household: str = await until(drafted, f"the household of {head}")
    await post(s.assistance, f"/api/v1/households/{household}/submit", {})
    await post(s.assistance, f"/api/v1/households/{household}/file", {"effective_on": on})
    return household


async def pay(s: Services, street: Street, household: str, row: tuple[Any, ...]) -> None:
    """One application through opinion, review and approval, then its payment, all in 2025."""
    _, programme, requested, approved, *days = row
    submitted, opinion, review, approval, paid = (f"2025-{day}" for day in days)
    body = {"programme": programme, "household_id": household, "requested_fen": requested,
            "submitted_on": submitted}  # fmt: skip
    base = f"/api/v1/applications/{(await post(s.assistance, '/api/v1/applications', body))['id']}"
    await post(s.assistance, f"{base}/opinion", {"support": True, "opinion_on": opinion},
               headers=s.as_("opinion-giver"))  # fmt: skip
    await post(s.assistance, f"{base}/review", {"passed": True, "reviewed_on": review},
               headers=s.as_("reviewer"))  # fmt: skip
    await post(s.assistance, f"{base}/approve",
               {"approved_fen": approved, "budget_org_id": street.street, "approved_on": approval},
               headers=s.as_("approver"))  # fmt: skip

    async def ordered() -> Any:  # the payments consumer makes the order from the approval
        return (await s.assistance.get(base)).json()["payment_id"]

    payment = await until(ordered, f"the payment order of {programme} on {approval}")
    await post(s.assistance, f"/api/v1/payments/{payment}/disburse",
               {"method": "cash", "paid_on": paid}, headers=s.as_("cashier"))  # fmt: skip


async def festival_batch(s: Services, street: Street) -> None:
    """The New Year's Eve consolation: 10,000 fen each to H1, H2 and H3 on 2025-12-25."""
    batch = {"programme": "festival_consolation", "year": 2025, "budget_org_id": street.street,
             "amount_fen": 10_000, "method": "cash", "paid_on": "2025-12-25",
             "selection": {"household_ids": [street.households[k] for k in ("H1", "H2", "H3")]}}  # fmt: skip
    response = await s.assistance.post("/api/v1/payment-batches", json=batch)
    assert response.status_code == 202, response.text  # paid in the background
    started = response.json()

    async def paid() -> bool:
        shown = (await s.assistance.get(f"/api/v1/payment-batches/{started['id']}")).json()
        return bool(shown["paid"] == 3)

    await until(paid, "the festival batch")


async def visit(s: Services, day: str, occasion: str, **whom: str) -> None:
    await post(s.assistance, "/api/v1/visits", {"occasion": occasion, "visited_on": day, **whom})


async def plant_aid(s: Services, street: Street) -> dict[str, dict[str, Any]]:
    """Files, budgets, payments, visits and imports of 2025; returns each import's job."""
    households = {key: await file_household(s, member_headed(street, head, level), on)
                  for key, head, level, on in HOUSEHOLDS}  # fmt: skip
    own = {"head": {"name": "街道困难户", "id_number": STREET_HEAD}, "level": "relative",
           "causes": ["unemployment"], "monthly_income_per_capita_fen": 60_000,
           "org_id": street.street}  # fmt: skip
    households["H4"] = await file_household(s, own, "2025-02-10")
    street.households = households
    for programme, amount in BUDGETS.items():
        budget = {"org_id": street.street, "programme": programme, "year": 2025,
                  "amount_fen": amount}  # fmt: skip
        await post(s.assistance, "/api/v1/budgets", budget)
    for row in PAYMENTS:
        await pay(s, street, households[row[0]], row)
    await festival_batch(s, street)
    await visit(s, "2025-04-15", "hospital", household_id=households["H1"])
    await visit(s, "2025-10-01", "festival", household_id=households["H1"])
    await visit(s, "2025-03-20", "festival", household_id=households["H3"])
    await visit(s, "2025-07-05", "other", household_id=households["H4"])
    await visit(s, "2025-11-05", "wedding", member_id=street.members["M6"],
                employer_id=street.employers["E4"])  # fmt: skip
    return {"visits": await import_visits(s, street),
            "households": await import_households(s, street)}  # fmt: skip
