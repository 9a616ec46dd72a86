"""Single sign-on settings and the sign-in attempt kept between the two redirects."""

from __future__ import annotations

import base64
import hashlib

import pytest
from portal.adapters.oidc import SignInAttempt
from portal.config import PortalSettings
from pydantic import ValidationError

PROD = {
    "environment": "production", "signing_key": "a PEM", "jwt_secret": "x" * 40,
    "pii_key": "y" * 44, "blind_index_key": "z" * 30,
}  # fmt: skip


def test_issuer_and_client_id_go_together() -> None:
    with pytest.raises(ValidationError, match="OIDC_ISSUER and OIDC_CLIENT_ID"):
        PortalSettings(environment="test", oidc_issuer="https://sso.example.cn")
    assert not PortalSettings(environment="test").oidc_enabled
    assert PortalSettings(
        environment="test", oidc_issuer="http://127.0.0.1:9", oidc_client_id="wb"
    ).oidc_enabled


def test_outside_dev_the_issuer_is_https_and_the_callback_is_configured() -> None:
    with pytest.raises(ValidationError, match="https://"):
        PortalSettings(**PROD, oidc_issuer="http://sso.example.cn", oidc_client_id="wb")
    with pytest.raises(ValidationError, match="OIDC_REDIRECT_URL"):
        PortalSettings(**PROD, oidc_issuer="https://sso.example.cn", oidc_client_id="wb")


def test_an_attempt_survives_its_cookie_and_a_tampered_cookie_is_no_attempt() -> None:
    attempt = SignInAttempt.start("/members")
    again = SignInAttempt.decode(attempt.encode())
    assert again == attempt
    assert again.matches(attempt.state)
    assert not again.matches(attempt.state + "x")
    assert SignInAttempt.decode("not base64 json") is None
    assert SignInAttempt.decode(base64.urlsafe_b64encode(b'{"state": "s"}').decode()) is None


def test_the_challenge_is_the_s256_of_the_verifier() -> None:
    attempt = SignInAttempt.start("/")
    digest = hashlib.sha256(attempt.verifier.encode()).digest()
    assert attempt.challenge() == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert len(attempt.verifier) >= 43  # RFC 7636: 43 to 128 characters
