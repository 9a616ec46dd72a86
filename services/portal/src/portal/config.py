"""Portal settings: the kit's settings plus the services it calls and its sign-in rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Self

from pydantic import Field, SecretStr, model_validator
from shared.settings import ServiceSettings

SERVICE_NAME = "portal"
SCHEMA = "portal"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
PACKAGE_DIR = Path(__file__).parent


class PortalSettings(ServiceSettings):
    """Environment variables of the workbench (see the service README).

    Attributes:
        membership_url: base URL of the membership API.
        assistance_url: base URL of the assistance API.
        disputes_url: base URL of the disputes (mediation) API.
        training_url: base URL of the training and employment API.
        reporting_url: base URL of the statistics dashboards (linked from the menu).
        signing_key: PEM P-256 private key signing the users' tokens; generated per process
            in dev and test when absent, required elsewhere.
        session_minutes: a session ends after this long without a request.
        token_minutes: lifetime of the token a page presents to a service.
        max_failures: failed sign-ins in a row before the account locks.
        lock_minutes: how long a locked account stays locked.
        cookie_secure: the session cookie is sent over HTTPS only (on outside dev and test).
        oidc_issuer: the city's single sign-on (OpenID Connect) issuer URL; sign-in with it is
            offered when this and ``oidc_client_id`` are set.
        oidc_client_id: the workbench's client id at that provider.
        oidc_client_secret: its client secret; none for a public client (PKCE only).
        oidc_scopes: the scopes asked for.
        oidc_username_claim: the ID token claim naming the workbench account to sign in as.
        oidc_redirect_url: the callback URL registered at the provider; required outside dev
            and test so that it never comes from a request's Host header.
        oidc_label: the sign-in button's text.
        assistance_history_from: the earliest date assistance takes for a back-dated visit,
            application step or payment (补录); the forms show it as their lower bound, the
            service decides (set it to assistance's own ``ASSISTANCE_HISTORY_FROM``).
    """

    membership_url: str = "http://127.0.0.1:8101"
    assistance_url: str = "http://127.0.0.1:8102"
    disputes_url: str = "http://127.0.0.1:8103"
    training_url: str = "http://127.0.0.1:8104"
    reporting_url: str = "http://127.0.0.1:8100"
    signing_key: SecretStr | None = None
    session_minutes: int = Field(default=120, ge=1)
    token_minutes: int = Field(default=5, ge=1, le=60)
    max_failures: int = Field(default=5, ge=1)
    lock_minutes: int = Field(default=15, ge=1)
    cookie_secure: bool = False
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = "openid profile"
    oidc_username_claim: str = "preferred_username"
    oidc_redirect_url: str | None = None
    oidc_label: str = "统一身份认证登录"
    assistance_history_from: date = date(2015, 1, 1)

    @property
    def oidc_enabled(self) -> bool:
        """Whether single sign-on is configured."""
        return bool(self.oidc_issuer and self.oidc_client_id)

    @model_validator(mode="after")
    def _oidc_complete_and_safe(self) -> Self:
        if bool(self.oidc_issuer) != bool(self.oidc_client_id):
            raise ValueError("OIDC_ISSUER and OIDC_CLIENT_ID go together")
        if not self.oidc_enabled or self.environment in ("dev", "test"):
            return self
        if not str(self.oidc_issuer).startswith("https://"):
            raise ValueError("OIDC_ISSUER must be an https:// URL outside dev and test")
        if not self.oidc_redirect_url:
            raise ValueError("OIDC_REDIRECT_URL is required outside dev and test")
        return self

    @model_validator(mode="after")
    def _production_needs_a_key(self) -> Self:
        if self.environment in ("dev", "test"):
            return self
        if self.signing_key is None:
            raise ValueError(f"environment={self.environment} needs SIGNING_KEY (a P-256 PEM)")
        self.cookie_secure = True
        return self
