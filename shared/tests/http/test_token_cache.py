"""Verified tokens are remembered by digest until they expire, never longer than the key set."""

from __future__ import annotations

from collections.abc import Callable
from unittest import mock

import httpx
import pytest
from fastapi import FastAPI
from shared.auth import CurrentPrincipal, Principal, Role, issue_token
from shared.auth import tokens as token_module
from shared.auth.token_cache import VerifiedTokens
from shared.settings import ServiceSettings

Client = Callable[[FastAPI], httpx.AsyncClient]
CADRE = Principal(subject="c-1", roles=frozenset({Role.UNION_CADRE}), org_id=None)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_a_remembered_token_is_known_until_it_expires() -> None:
    clock = Clock()
    cache = VerifiedTokens(clock=clock)
    cache.put("token-a", CADRE, expires_at=1_060.0)

    assert cache.get("token-a") == CADRE
    assert cache.get("token-b") is None
    clock.now = 1_060.0
    assert cache.get("token-a") is None
    assert len(cache) == 0


def test_an_entry_lasts_no_longer_than_the_key_set_is_cached() -> None:
    clock = Clock()
    cache = VerifiedTokens(lifetime_seconds=300, clock=clock)
    cache.put("token-a", CADRE, expires_at=clock.now + 8 * 3600)

    clock.now += 299
    assert cache.get("token-a") == CADRE
    clock.now += 1
    assert cache.get("token-a") is None


def test_a_full_cache_starts_afresh() -> None:
    cache = VerifiedTokens(max_entries=2, clock=Clock())
    cache.put("a", CADRE, expires_at=2_000.0)
    cache.put("b", CADRE, expires_at=2_000.0)
    cache.put("c", CADRE, expires_at=2_000.0)

    assert len(cache) == 1
    assert cache.get("a") is None
    assert cache.get("c") == CADRE


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    app = make_app()

    @app.get("/me")
    async def me(principal: CurrentPrincipal) -> dict[str, str]:
        return {"subject": principal.subject}

    return app


async def test_a_service_verifies_a_token_once_and_refuses_a_forged_one_every_time(
    app: FastAPI, client_for: Client, settings: ServiceSettings
) -> None:
    token = issue_token(settings, subject="cadre-9", roles=["city_admin"], org_id=None)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    client = client_for(app)
    spy = mock.Mock(wraps=token_module.verify_token_until)
    with mock.patch("shared.auth.dependencies.verify_token_until", spy):
        first = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
        second = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
        refused = [
            await client.get("/me", headers={"Authorization": f"Bearer {forged}"}) for _ in range(2)
        ]

    assert [first.status_code, second.status_code] == [200, 200]
    assert second.json() == {"subject": "cadre-9"}
    assert [r.status_code for r in refused] == [401, 401]
    assert spy.call_count == 3  # the valid token once, the forged one on every request
