"""Single sign-on through an OpenID Connect provider (code flow with PKCE), over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, replace

import pytest_asyncio
from portal.adapters.oidc import SignInAttempt
from portal.config import PortalSettings
from portal.entrypoints.app import create_app as create_portal
from shared.devstack import free_port

from .conftest import Platform
from .oidc_provider import CLIENT_ID, ProviderState, provider_app
from .servers import ThreadServer
from .web import User


@dataclass
class SsoPortal:
    url: str
    provider: ProviderState


@pytest_asyncio.fixture
async def sso(platform: Platform, nats_url: str) -> AsyncIterator[SsoPortal]:
    """A second workbench on the same accounts, configured for the provider."""
    state = ProviderState()
    provider = ThreadServer(provider_app(state), free_port())
    state.issuer = provider.url
    settings = PortalSettings(
        environment="test", database_url=platform.database_url, nats_url=nats_url,
        membership_url=platform.membership, assistance_url=platform.assistance,
        reporting_url=platform.reporting, oidc_issuer=provider.url, oidc_client_id=CLIENT_ID,
    )  # fmt: skip
    portal = ThreadServer(create_portal(settings), free_port())
    provider.start()
    portal.start()
    try:
        yield SsoPortal(portal.url, state)
    finally:
        portal.stop()
        provider.stop()


async def _through_provider(user: User, next_path: str = "/") -> str:
    """Start the sign-in and let the provider answer; the callback URL it sends back."""
    start = await user.client.get("/login/sso", params={"next": next_path})
    assert start.status_code == 303, start.text
    authorize = await user.client.get(start.headers["location"])
    assert authorize.status_code == 302, authorize.text
    return str(authorize.headers["location"])


async def test_the_provider_signs_a_person_in_to_their_workbench_account(sso: SsoPortal) -> None:
    user = User(sso.url)
    login = await user.page("/login")
    assert "统一身份认证登录" in login.text
    callback = await user.client.get(await _through_provider(user, "/members"))
    assert callback.status_code == 303, callback.text
    assert callback.headers["location"] == "/members"
    assert "uh_session=" in callback.headers["set-cookie"]
    home = await user.page("/")
    assert home.status_code == 200
    assert "市总管理员" in home.text
    await user.close()


async def test_a_person_without_a_workbench_account_is_not_signed_in(sso: SsoPortal) -> None:
    sso.provider.username = "nobody-here"
    user = User(sso.url)
    refused = await user.client.get(await _through_provider(user))
    assert refused.status_code == 403
    assert "尚未在工作台开通" in refused.text
    assert "uh_session" not in refused.cookies
    await user.close()


async def test_a_callback_with_another_state_is_refused(sso: SsoPortal) -> None:
    user = User(sso.url)
    callback = await _through_provider(user)
    forged = callback.replace("state=", "state=x")
    refused = await user.client.get(forged)
    assert refused.status_code == 403
    assert "已失效或不匹配" in refused.text
    await user.close()


async def test_an_id_token_for_another_client_or_sign_in_is_refused(sso: SsoPortal) -> None:
    for spoil, message in (({"audience": "another-client"}, "身份令牌无效"),
                           ({"nonce": "another-sign-in"}, "不属于本次登录")):  # fmt: skip
        for name, value in spoil.items():
            setattr(sso.provider, name, value)
        user = User(sso.url)
        refused = await user.client.get(await _through_provider(user))
        assert refused.status_code == 401, spoil
        assert message in refused.text
        assert "uh_session" not in refused.cookies
        await user.close()
        sso.provider.audience, sso.provider.nonce = CLIENT_ID, None


async def test_the_code_is_useless_without_this_browsers_pkce_verifier(sso: SsoPortal) -> None:
    user = User(sso.url)
    callback = await _through_provider(user)
    attempt = SignInAttempt.decode(user.client.cookies["uh_sso"])
    assert attempt is not None
    stolen = replace(attempt, verifier=SignInAttempt.start("/").verifier)
    user.client.cookies.delete("uh_sso")
    user.client.cookies.set("uh_sso", stolen.encode(), domain="127.0.0.1", path="/login/sso")
    refused = await user.client.get(callback)
    assert refused.status_code == 401
    assert "未能换取令牌" in refused.text
    await user.close()


async def test_without_configuration_there_is_no_single_sign_on(platform: Platform) -> None:
    user = User(platform.portal)
    login = await user.page("/login")
    assert "统一身份认证登录" not in login.text
    start = await user.client.get("/login/sso")
    assert start.status_code == 503
    assert "未配置统一身份认证" in start.text
    await user.close()
