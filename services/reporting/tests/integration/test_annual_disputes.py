"""The annual report's 劳动争议调解 table on the street's hand-computed mediation
(:mod:`.dispute_scenario`): its cells, its facts, and who may read them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from .annual_world import facts_figure
from .dispute_world import Api, api, world

__all__ = ["api", "world"]
pytestmark = pytest.mark.integration
YEAR = {"year": 2024}


async def _cells(api: Api, org: Any) -> dict[str, Any]:
    body = await api.json("/api/v1/annual-report/disputes", org_id=str(org), **YEAR)
    return {cell["key"]: cell for cell in body["cells"]}


async def _all_facts(api: Api, cell: str, org: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    query: dict[str, Any] = {"org_id": str(org), "limit": 4, **YEAR}
    while True:
        page = await api.json(f"/api/v1/annual-report/disputes/cells/{cell}/facts", **query)
        found += page["facts"]
        if page["next_cursor"] is None:
            assert page["total"] == len(found)
            return found
        query["cursor"] = page["next_cursor"]


async def test_the_street_year_of_mediation(api: Api) -> None:
    value = {key: cell["value"] for key, cell in (await _cells(api, api.street.s1)).items()}
    # Contacts: 4 at A, 3 at B, 1 at the street. Accepted in 2024: K1–K4, K6–K10 (K0 in
    # 2023, K5 declined), 3 + 1 + 12 + 1 + 2 + 5 + 1 + 1 + 20 workers. Settled: K0 (01-04),
    # K1, K3, K4 (07-08), K6, K9, K10. Closed (accepted cases): K0–K4, K6–K10. Legal aid: 3.
    assert value["contacts.cases"] == 8
    assert (value["accepted.cases"], value["accepted.workers"]) == (9, 46)
    assert (value["settled.cases"], value["closed.cases"], value["legal_aid.cases"]) == (7, 10, 3)
    assert Decimal(value["settlement_rate.cases"]) == Decimal("70.0")
    assert Decimal(value["closure_rate.cases"]) == Decimal("111.1")


async def test_every_mediation_cell_equals_its_facts(api: Api) -> None:
    s = api.street
    for org in (s.s1, s.a, s.s2):
        for key, cell in (await _cells(api, org)).items():
            kind = cell["indicator"]["kind"]
            if kind == "ratio":
                continue
            facts = await _all_facts(api, key, org)
            assert facts_figure(kind, facts) == Decimal(str(cell["value"])), (org, key)


async def test_mediation_facts_are_for_the_roles_entitled_to_them(api: Api) -> None:
    s = api.street
    path = "/api/v1/annual-report/disputes/cells/accepted.cases/facts"
    mediator = await api.get(path, "mediator", s.s1, org_id=str(s.a), **YEAR)
    assert mediator.status_code == 200
    assert {f["kind"] for f in mediator.json()["facts"]} == {"case"}
    for role in ("assistance_officer", "training_coordinator"):
        refused = await api.get(path, role, s.s1, org_id=str(s.s1), **YEAR)
        assert refused.status_code == 403
    listed = await api.json("/api/v1/annual-report", "mediator", s.s1, org_id=str(s.s1), **YEAR)
    assert [t["code"] for t in listed["tables"]] == ["disputes"]
