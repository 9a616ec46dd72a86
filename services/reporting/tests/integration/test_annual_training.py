"""The annual report's 职工培训就业 table on the street's hand-computed training and employment
(:mod:`.training_scenario`): its cells, its facts, and who may read them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from .annual_world import facts_figure
from .training_world import TrainingApi, training_api, training_world

__all__ = ["training_api", "training_world"]
pytestmark = pytest.mark.integration
YEAR = {"year": 2024}


async def _cells(api: TrainingApi, org: Any) -> dict[str, Any]:
    body = await api.json("/api/v1/annual-report/training", org_id=str(org), **YEAR)
    return {cell["key"]: cell for cell in body["cells"]}


async def test_the_street_year_of_training_and_placements(training_api: TrainingApi) -> None:
    cells = await _cells(training_api, training_api.street.s1)
    value = {key: cell["value"] for key, cell in cells.items()}
    # CA1, CA2, CB1 (CA3 cancelled); seats kept: CA1 5 of 6, CA2 3 of 4, CA3 none, CB1 4;
    # completions 5 + 2 + 3; certificates pA1, pA2 (pA3's revoked), pA8, pB1, pB2;
    # placements pA5, pA13, pB5, pB6, pB7 (pB8's was in 2023), all but pA13 re-employment.
    assert [value[f"{row}.count"] for row in ("classes", "trainees", "completed", "certified",
                                              "placements", "reemployed")] == [
        3, 12, 10, 5, 5, 4]  # fmt: skip


async def test_every_training_cell_equals_its_facts(training_api: TrainingApi) -> None:
    s = training_api.street
    for org in (s.s1, s.a, s.s2):
        for key, cell in (await _cells(training_api, org)).items():
            facts: list[dict[str, Any]] = []
            query: dict[str, Any] = {"org_id": str(org), "limit": 4, **YEAR}
            while True:
                page = await training_api.json(
                    f"/api/v1/annual-report/training/cells/{key}/facts", **query
                )
                facts += page["facts"]
                if page["next_cursor"] is None:
                    break
                query["cursor"] = page["next_cursor"]
            assert facts_figure("count", facts) == Decimal(str(cell["value"])), (org, key)


async def test_training_facts_are_for_the_roles_entitled_to_them(
    training_api: TrainingApi,
) -> None:
    s = training_api.street
    path = "/api/v1/annual-report/training/cells/certified.count/facts"
    coordinator = await training_api.get(path, "training_coordinator", s.s1, org_id=str(s.s1),
                                         **YEAR)  # fmt: skip
    assert coordinator.status_code == 200
    assert {f["kind"] for f in coordinator.json()["facts"]} == {"certificate"}
    for role in ("assistance_officer", "mediator"):
        refused = await training_api.get(path, role, s.s1, org_id=str(s.s1), **YEAR)
        assert refused.status_code == 403
