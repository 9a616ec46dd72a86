"""Outside dev and test, the built-in development secrets are refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from shared.settings import (
    DEV_BLIND_INDEX_KEY,
    DEV_JWT_SECRET,
    DEV_PERSON_LINK_KEY,
    DEV_PII_KEY,
    PersonLinkSettings,
    ServiceSettings,
)

PROPER_SECRETS = {
    "jwt_secret": "a-real-secret-from-the-vault-0123456789",
    "pii_key": "cHJvZHVjdGlvbi1rZXktMzItYnl0ZXMtbG9uZy0wMDA=",
    "blind_index_key": "a-real-blind-index-key",
}


@pytest.mark.parametrize(
    ("name", "dev_value"),
    [
        ("jwt_secret", DEV_JWT_SECRET),
        ("pii_key", DEV_PII_KEY),
        ("blind_index_key", DEV_BLIND_INDEX_KEY),
    ],
)
def test_production_refuses_each_development_secret(name: str, dev_value: str) -> None:
    values = {**PROPER_SECRETS, name: dev_value}

    with pytest.raises(ValidationError, match=name):
        ServiceSettings(environment="production", **values)  # type: ignore[arg-type]


def test_production_with_proper_secrets_starts() -> None:
    settings = ServiceSettings(environment="production", **PROPER_SECRETS)  # type: ignore[arg-type]

    assert settings.jwt_secret.get_secret_value() == PROPER_SECRETS["jwt_secret"]


def test_dev_and_test_accept_the_development_secrets() -> None:
    for environment in ("dev", "test"):
        settings = ServiceSettings(environment=environment)
        assert settings.jwt_secret.get_secret_value() == DEV_JWT_SECRET


def test_a_linked_service_refuses_the_development_person_link_key() -> None:
    with pytest.raises(ValidationError, match="person_link_key"):
        PersonLinkSettings(environment="staging", **PROPER_SECRETS)  # type: ignore[arg-type]

    settings = PersonLinkSettings(
        environment="production",
        person_link_key="a-real-person-link-key",  # type: ignore[arg-type]
        **PROPER_SECRETS,  # type: ignore[arg-type]
    )
    assert settings.person_link_key.get_secret_value() == "a-real-person-link-key"
    assert PersonLinkSettings(environment="test").person_link_key.get_secret_value() == (
        DEV_PERSON_LINK_KEY
    )
