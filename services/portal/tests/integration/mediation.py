"""The street's mediation network on the disputes service, for the workbench's tests."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

from shared.identifiers import make_uscc

from .conftest import Platform

USCC = make_uscc("91320100MA0000001")
"""甲公司's credit code, for a respondent named by hand."""


@dataclass
class Network:
    centre: str
    mediator: str


async def mediation_network(platform: Platform) -> Network:
    """The street's mediation centre and its mediator, once disputes has the street from
    membership's events (its replica fills asynchronously)."""
    body = {"org_id": platform.tree.street, "kind": "street_centre", "name": "新街口街道调解分中心"}
    for _ in range(150):
        key = {"Idempotency-Key": str(uuid.uuid4())}
        response = await platform.dev.post(f"{platform.disputes}/api/v1/mediation-orgs", json=body,
                                           headers=key)  # fmt: skip
        if response.status_code == 201:
            centre = str(response.json()["id"])
            appointed = await platform.dev.post(
                f"{platform.disputes}/api/v1/mediation-orgs/{centre}/mediators",
                json={"name": "王调解"},
            )
            assert appointed.status_code == 201, appointed.text
            return Network(centre, str(appointed.json()["id"]))
        await asyncio.sleep(0.2)
    raise AssertionError(f"disputes never saw the street: {response.text}")


async def registered_case(platform: Platform, network: Network, received_on: str) -> str:
    """A work-injury case registered straight on the service; its id."""
    body = {"org_id": platform.tree.street, "mediation_org_id": network.centre,
            "channel": "visit", "category": "work_injury", "applicants": [{"name": "孙师傅"}],
            "workers_involved": 1, "claimed_fen": 500_000, "facts": "工伤", "claims": "赔偿",
            "received_on": received_on, "employer_name": "甲公司", "employer_uscc": USCC}  # fmt: skip
    case = await platform.dev.post(f"{platform.disputes}/api/v1/cases", json=body)
    assert case.status_code == 201, case.text
    return str(case.json()["id"])
