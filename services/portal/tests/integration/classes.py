"""Training's side of the test platform: waiting for its replica of the tree."""

from __future__ import annotations

import asyncio
import uuid

from shared.identifiers import today_in_china

from .conftest import Platform

TODAY = today_in_china()


async def training_ready(platform: Platform) -> str:
    """Wait until training has the street from membership's events (its replica fills
    asynchronously): a class opened on it straight on the service succeeds; its id."""
    body = {"org_id": platform.tree.street, "title": "预备班", "kind": "other", "provider": "中心",
            "venue": "中心", "starts_on": TODAY.isoformat(), "ends_on": TODAY.isoformat(),
            "sessions_planned": 12, "capacity": 30, "target_groups": ["all"]}  # fmt: skip
    for _ in range(150):
        response = await platform.dev.post(f"{platform.training}/api/v1/classes", json=body,
                                           headers={"Idempotency-Key": str(uuid.uuid4())})  # fmt: skip
        if response.status_code == 201:
            return str(response.json()["id"])
        await asyncio.sleep(0.2)
    raise AssertionError(f"training never saw the street: {response.text}")
