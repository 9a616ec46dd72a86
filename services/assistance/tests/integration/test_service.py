"""The service starts on real PostgreSQL and NATS and reports itself ready."""

from __future__ import annotations

import pytest

from .conftest import Api, start_api, stop_api

pytestmark = pytest.mark.integration


async def test_ready_with_consumer_lag(api: Api) -> None:
    response = await api.client.get("/readyz")
    assert response.status_code == 200, response.text
    checks = response.json()["checks"]
    assert checks["postgres"]["ok"]
    assert checks["nats"]["ok"]
    assert checks["assistance-membership"]["detail"]["pending"] == 0


async def test_background_consumer_applies_membership_events(
    database_url: str, nats_url: str
) -> None:
    from .conftest import found

    started, lifespan = await start_api(database_url, nats_url, run_consumers=True, run_relay=True)
    try:
        org = await found(started, "city_federation", "南京市总工会", None)
        from .probes import eventually

        async def replicated() -> bool:
            value = await started.container.pool.fetchval(
                "SELECT count(*) FROM org_replica WHERE id = $1::uuid", org
            )
            return bool(value)

        await eventually(replicated, what="the city federation in the replica")
        ready = await started.client.get("/readyz")
        assert ready.status_code == 200, ready.text
    finally:
        await stop_api(started, lifespan)
