"""The portal's composition root: pool, stores, signing key and the HTTP client to the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import httpx
from shared.auth import SigningKey
from shared.bootstrap import ServiceContainer, open_pool

from portal.adapters.accounts import Account, AccountStore
from portal.adapters.services import ServiceApi
from portal.adapters.sessions import SessionStore
from portal.config import SCHEMA, PortalSettings

SERVICES_TIMEOUT = httpx.Timeout(30.0, connect=5.0)


@dataclass(kw_only=True)
class Container(ServiceContainer[PortalSettings]):
    """What the pages need, built once per process."""

    accounts: AccountStore
    sessions: SessionStore
    signing_key: SigningKey
    http: httpx.AsyncClient

    def token_for(self, account: Account) -> str:
        """A short-lived ES256 token carrying the account's role and scope."""
        return self.signing_key.sign(
            self.settings,
            subject=str(account.id),
            roles=[account.role],
            org_id=str(account.org_id) if account.org_id else None,
            ttl=timedelta(minutes=self.settings.token_minutes),
        )

    def api(self, account: Account, service: str) -> ServiceApi:
        """A service's API (``membership``, ``assistance``, ``disputes``, ``training``) called as
        ``account``."""
        base = getattr(self.settings, f"{service}_url")
        return ServiceApi(self.http, base, self.token_for(account))


def signing_key(settings: PortalSettings) -> SigningKey:
    """The configured key, or a fresh one in dev and test."""
    if settings.signing_key is not None:
        return SigningKey.from_pem(settings.signing_key.get_secret_value())
    return SigningKey.generate()


async def build_container(
    settings: PortalSettings, transport: httpx.AsyncBaseTransport | None = None
) -> Container:
    """Open the pool and the client; ``transport`` lets tests route calls in-process."""
    pool = await open_pool(settings, SCHEMA)
    return Container(
        settings=settings,
        pool=pool,
        accounts=AccountStore(pool),
        sessions=SessionStore(pool),
        signing_key=signing_key(settings),
        http=httpx.AsyncClient(timeout=SERVICES_TIMEOUT, transport=transport),
    )
