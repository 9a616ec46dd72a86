"""The annual report's 困难职工帮扶 table on the street's hand-computed year of assistance
(:mod:`.assistance_scenario`): its cells, its facts, and who may read them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from .annual_world import facts_figure
from .assistance_world import Api, api, world

__all__ = ["api", "world"]
pytestmark = pytest.mark.integration
YEAR = {"year": 2024}


async def _cells(api: Api, org: Any) -> dict[str, Any]:
    body = await api.json("/api/v1/annual-report/hardship", org_id=str(org), **YEAR)
    return {cell["key"]: cell for cell in body["cells"]}


async def test_the_street_year_of_aid_and_visits(api: Api) -> None:
    cells = await _cells(api, api.street.s1)
    value = {key: cell["value"] for key, cell in cells.items()}
    # 新街口: festival H1–H38 500 yuan each, H9 medical 8,000, student aid 3,000 × 2 and
    # 2,000 × 3; H10's relief was paid under 梅园's community and is not the street's.
    assert (value["aid.times"], value["aid.people"], value["aid.employers"]) == (44, 38, 12)
    assert Decimal(value["aid.amount"]) == Decimal("39000.00")
    assert (value["festival_consolation.times"], value["medical_aid.times"],
            value["student_aid.times"], value["emergency_relief.times"]) == (38, 1, 5, 0)  # fmt: skip
    assert Decimal(value["student_aid.amount"]) == Decimal("12000.00")
    # 38 festival visits and H9's hospital visit: 39 times, 38 households in 12 enterprises.
    assert (value["visits.times"], value["visits.people"], value["visits.employers"]) == (
        39, 38, 12)  # fmt: skip


async def test_every_hardship_cell_equals_its_facts(api: Api) -> None:
    s = api.street
    for org in (s.s1, s.s2, s.district):
        for key, cell in (await _cells(api, org)).items():
            facts = await _all_facts(api, key, org)
            assert facts_figure(cell["indicator"]["kind"], facts) == Decimal(str(cell["value"]))
    relief = await _all_facts(api, "emergency_relief.amount", s.s2)
    assert [(f["kind"], f["org_id"], f["on"], Decimal(str(f["value"]))) for f in relief] == [
        ("payment", str(s.uc), "2024-07-20", Decimal("1500.50"))]  # fmt: skip


async def test_hardship_facts_are_for_the_roles_entitled_to_them(api: Api) -> None:
    s = api.street
    path = "/api/v1/annual-report/hardship/cells/aid.people/facts"
    officer = await api.get(path, "assistance_officer", s.s1, org_id=str(s.s1), **YEAR)
    assert officer.status_code == 200
    for role in ("training_coordinator", "mediator"):
        refused = await api.get(path, role, s.s1, org_id=str(s.s1), **YEAR)
        assert refused.status_code == 403
        assert refused.json()["title"] == "无权执行此操作"
    elsewhere = await api.get(path, "assistance_officer", s.s2, org_id=str(s.s1), **YEAR)
    assert elsewhere.status_code == 403
    assert elsewhere.json()["errors"][0]["field"] == "org_id"


async def _all_facts(api: Api, cell: str, org: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    query: dict[str, Any] = {"org_id": str(org), "limit": 7, **YEAR}
    while True:
        page = await api.json(f"/api/v1/annual-report/hardship/cells/{cell}/facts", **query)
        found += page["facts"]
        if page["next_cursor"] is None:
            assert page["total"] == len(found)
            return found
        query["cursor"] = page["next_cursor"]
