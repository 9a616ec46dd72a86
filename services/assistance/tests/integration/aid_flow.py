"""Shortcuts through budgets and the approval chain for the aid integration tests."""

from __future__ import annotations

import uuid
from typing import Any

from shared.auth import issue_token
from shared.identifiers import today_in_china

from .conftest import Api, Tree
from .probes import count, fetch

YEAR = today_in_china().year
AID_TABLES = (
    "aid_budgets",
    "aid_applications",
    "aid_payments",
    "aid_payment_batches",
    "aid_batch_items",
    "donation_campaigns",
    "donation_receipts",
    "insurance_enrolments",
    "insurance_claims",
    "outbox",
    "idempotency_keys",
)


def person_token(
    api: Api, subject: str, org: str | None, role: str = "assistance_officer"
) -> dict[str, str]:
    """A token of a named person (segregation of duties compares subjects)."""
    token = issue_token(api.settings, subject=subject, roles=[role], org_id=org)
    return {"Authorization": f"Bearer {token}"}


async def aid_counts(database_url: str) -> dict[str, int]:
    """Row counts of every table an aid command may write."""
    return {table: await count(database_url, table) for table in AID_TABLES}


async def seed_filed_households(
    database_url: str, org_id: str, how_many: int, *, level: str = "deep"
) -> list[str]:
    """Households on file in ``org_id``, written straight into the table (sealed fields are
    placeholders: the aid code never reads them)."""
    ids = [uuid.uuid4() for _ in range(how_many)]
    await fetch(
        database_url,
        "INSERT INTO households (id, org_id, head_name_cipher, head_id_number_index,"
        " head_id_number_cipher, level, causes, monthly_income_per_capita_fen, temporary, status,"
        " created_on, filed_on, last_verified_on, version)"
        " SELECT id, $2, '\\x00', id::text, '\\x00', $3, '{illness}', 50000, false, 'filed',"
        " current_date, current_date, current_date, 3 FROM unnest($1::uuid[]) AS id",
        ids,
        uuid.UUID(org_id),
        level,
    )
    return [str(i) for i in ids]


async def allocate(
    api: Api, org: str, amount_fen: int, programme: str = "medical_aid"
) -> dict[str, Any]:
    body = {"org_id": org, "programme": programme, "year": YEAR, "amount_fen": amount_fen}
    return (await api.post("/api/v1/budgets", body, expect=200)).json()  # type: ignore[no-any-return]


async def submit(
    api: Api,
    tree: Tree,
    household_id: str,
    requested_fen: int = 50_000,
    programme: str = "medical_aid",
) -> str:
    body = {"programme": programme, "household_id": household_id, "requested_fen": requested_fen}
    response = await api.post("/api/v1/applications", body, headers=tree.officer(api), expect=201)
    return str(response.json()["id"])


async def support_and_pass(api: Api, tree: Tree, application_id: str) -> None:
    """基层工会意见 by community A's officer, 审核 by the street's officer."""
    base = f"/api/v1/applications/{application_id}"
    await api.post(
        f"{base}/opinion",
        {"support": True},
        headers=person_token(api, "officer-a", tree.community_a),
        expect=200,
    )
    await api.post(
        f"{base}/review",
        {"passed": True},
        headers=person_token(api, "officer-street", tree.street),
        expect=200,
    )


def approver(api: Api, tree: Tree) -> dict[str, str]:
    return person_token(api, "officer-district", tree.district)


async def approve(
    api: Api, tree: Tree, application_id: str, amount_fen: int, *, expect: int = 200
) -> Any:
    body = {"approved_fen": amount_fen, "budget_org_id": tree.street}
    return await api.post(
        f"/api/v1/applications/{application_id}/approve",
        body,
        headers=approver(api, tree),
        expect=expect,
    )
