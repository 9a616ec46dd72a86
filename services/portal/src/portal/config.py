"""Portal settings: the kit's settings plus the services it calls and its sign-in rules."""

from __future__ import annotations

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

    @model_validator(mode="after")
    def _production_needs_a_key(self) -> Self:
        if self.environment in ("dev", "test"):
            return self
        if self.signing_key is None:
            raise ValueError(f"environment={self.environment} needs SIGNING_KEY (a P-256 PEM)")
        self.cookie_secure = True
        return self
