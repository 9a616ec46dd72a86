"""Service settings from the environment (pydantic-settings), refusing dev secrets outside dev."""

from __future__ import annotations

from typing import ClassVar, Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Well-known development values: fine on a laptop, refused anywhere else.
DEV_JWT_SECRET = "unionhub-dev-jwt-secret-change-me-0123456789"
DEV_PII_KEY = "ZGV2LXBpaS1rZXktMzItYnl0ZXMtZm9yLWFlcy1nY20="  # base64 of 32 dev bytes
DEV_BLIND_INDEX_KEY = "dev-blind-index-key-change-me"
DEV_PERSON_LINK_KEY = "dev-person-link-key-change-me"
DEV_SECRETS = {DEV_JWT_SECRET, DEV_PII_KEY, DEV_BLIND_INDEX_KEY, DEV_PERSON_LINK_KEY}

Environment = Literal["dev", "test", "staging", "production"]


class ServiceSettings(BaseSettings):
    """Settings every service shares; a service subclasses it to add its own.

    Attributes:
        environment: ``dev`` and ``test`` accept the built-in development secrets, others refuse them.
        database_url: PostgreSQL DSN.
        nats_url: NATS server URL(s), comma separated.
        jwt_secret: HS256 key for development tokens; production sets ``jwt_public_key``.
        jwt_public_key: PEM public key (RS256/ES256) used to verify tokens when set.
        jwt_jwks_url: a JWKS endpoint (the workbench's or the identity provider's) whose keys
            verify RS256/ES256 tokens when set; fetched when first needed and cached.
        jwt_dev_tokens: with an asymmetric key configured, still accept HS256 tokens signed
            with ``jwt_secret`` (``make token``); refused outside ``dev`` and ``test``.
        jwt_issuer: expected ``iss`` claim.
        jwt_audience: expected ``aud`` claim.
        pii_key: base64 32-byte AES-GCM key for personal data at rest.
        blind_index_key: HMAC key for searchable blind indexes of personal data.
        nats_stream_replicas: copies of each JetStream stream (3 in production).
        run_relay: ``serve`` runs the outbox relay in the API process (``make run``); Kubernetes
            runs it as its own Deployment and starts the API with ``--no-relay``.
        run_consumers: ``serve`` runs the service's durable consumers in the API process.
        metrics_token: bearer token Prometheus presents to scrape ``/metrics``. Without one,
            ``/metrics`` is open in ``dev`` and ``test`` (the loopback stack) and closed elsewhere.
        metrics_port: when set, every process of the service (``serve``, ``relay``,
            ``consume``) also serves ``/metrics`` on this port (:mod:`shared.metrics_server`);
            Kubernetes sets it to 9464 and scrapes that port in every pod.
        prometheus_pushgateway_url: when set, the batch commands the CronJobs run (``purge``,
            ``flag-overdue``, ``mark-overdue``) push their last run's outcome there
            (:mod:`shared.batch_metrics`); unset, they push nothing.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    SECRET_FIELDS: ClassVar[tuple[str, ...]] = ("jwt_secret", "pii_key", "blind_index_key")
    """The secrets whose development values are refused outside ``dev`` and ``test``."""

    environment: Environment = "dev"
    database_url: str = "postgresql://unionhub@127.0.0.1:5432/unionhub"
    nats_url: str = "nats://127.0.0.1:4222"
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwt_public_key: str | None = None
    jwt_jwks_url: str | None = None
    jwt_dev_tokens: bool = False
    jwt_issuer: str = "unionhub"
    jwt_audience: str = "unionhub"
    pii_key: SecretStr = SecretStr(DEV_PII_KEY)
    blind_index_key: SecretStr = SecretStr(DEV_BLIND_INDEX_KEY)
    db_pool_min: int = Field(default=2, ge=1)
    db_pool_max: int = Field(default=10, ge=1)
    outbox_retention_days: int = Field(default=30, ge=1)
    nats_stream_replicas: int = Field(default=1, ge=1, le=5)
    log_level: str = "INFO"
    run_relay: bool = True
    run_consumers: bool = True
    metrics_token: SecretStr | None = None
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    prometheus_pushgateway_url: str | None = None

    @model_validator(mode="after")
    def _refuse_dev_secrets(self) -> Self:
        if self.environment in ("dev", "test"):
            return self
        if self.jwt_dev_tokens:
            raise ValueError(f"environment={self.environment} refuses JWT_DEV_TOKENS")
        used = [
            name
            for name in self.SECRET_FIELDS
            if getattr(self, name).get_secret_value() in DEV_SECRETS
        ]
        if used:
            raise ValueError(
                f"environment={self.environment} refuses development secrets: {', '.join(used)}"
            )
        return self

    @property
    def nats_servers(self) -> list[str]:
        """NATS server URLs as a list."""
        return [url.strip() for url in self.nats_url.split(",") if url.strip()]


class PersonLinkSettings(ServiceSettings):
    """Settings of a service that recognises a person across services (training, assistance).

    Attributes:
        person_link_key: HMAC key of the platform-wide person link
            (:func:`shared.pii.person_link`). Every service that holds it computes the same
            link for the same ID number, so it is one secret shared by those services only.
            The development default is refused outside ``dev`` and ``test``.
    """

    SECRET_FIELDS: ClassVar[tuple[str, ...]] = (*ServiceSettings.SECRET_FIELDS, "person_link_key")

    person_link_key: SecretStr = SecretStr(DEV_PERSON_LINK_KEY)
