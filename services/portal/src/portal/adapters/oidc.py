"""Single sign-on with the city's OpenID Connect provider: authorization code flow with PKCE.

The authorization request carries an S256 code challenge (RFC 7636) and the code is exchanged
with its verifier over the workbench's HTTP client; the ID token is verified with PyJWT against
the provider's published keys: signature, issuer, audience, expiry and this sign-in's nonce. The provider says who the person is; which role
and unit they work in stays with the workbench's own account of that name.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from portal.config import PortalSettings

ALGORITHMS = ["RS256", "PS256", "ES256"]  # asymmetric only: no shared secret signs an ID token
CLOCK_SKEW_SECONDS = 60


class OidcRefused(Exception):
    """The sign-in cannot be completed; ``message`` is for the person signing in."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SignInAttempt:
    """What one sign-in must find again at the callback: kept in a short-lived cookie."""

    state: str
    nonce: str
    verifier: str
    next: str

    @classmethod
    def start(cls, next_path: str) -> SignInAttempt:
        """Fresh random values for a new sign-in going to ``next_path`` afterwards."""
        return cls(
            secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48),
            next_path,
        )  # fmt: skip

    def encode(self) -> str:
        """The cookie value."""
        return base64.urlsafe_b64encode(json.dumps(asdict(self)).encode()).decode()

    @classmethod
    def decode(cls, value: str) -> SignInAttempt | None:
        """The attempt a cookie holds, or None when it is missing or malformed."""
        try:
            fields = json.loads(base64.urlsafe_b64decode(value.encode()))
            return cls(
                **{name: str(fields[name]) for name in ("state", "nonce", "verifier", "next")}
            )
        except (ValueError, KeyError, TypeError):
            return None

    def challenge(self) -> str:
        """The S256 code challenge of this attempt's verifier (RFC 7636 §4.2)."""
        digest = hashlib.sha256(self.verifier.encode()).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def matches(self, state: str) -> bool:
        """Whether the provider sent back this attempt's state (constant time)."""
        return hmac.compare_digest(self.state.encode(), state.encode())


class OidcClient:
    """The provider's endpoints and keys (discovered once), the code exchange and ID tokens."""

    def __init__(self, settings: PortalSettings, http: httpx.AsyncClient) -> None:
        if not (settings.oidc_issuer and settings.oidc_client_id):
            raise ValueError("OIDC_ISSUER and OIDC_CLIENT_ID are needed for single sign-on")
        self.issuer = settings.oidc_issuer.rstrip("/")
        self.client_id = settings.oidc_client_id
        secret = settings.oidc_client_secret
        self.client_secret = secret.get_secret_value() if secret else None
        self.scopes = settings.oidc_scopes
        self.username_claim = settings.oidc_username_claim
        self.http = http
        self._metadata: dict[str, Any] | None = None
        self._keys: jwt.PyJWKSet | None = None

    async def authorization_url(self, attempt: SignInAttempt, redirect_uri: str) -> str:
        """Where to send the browser: the provider's sign-in page for this attempt."""
        endpoint = str((await self._discovered())["authorization_endpoint"])
        query = {
            "response_type": "code", "client_id": self.client_id, "redirect_uri": redirect_uri,
            "scope": self.scopes, "state": attempt.state, "nonce": attempt.nonce,
            "code_challenge": attempt.challenge(), "code_challenge_method": "S256",
        }  # fmt: skip
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"

    async def username(self, code: str, attempt: SignInAttempt, redirect_uri: str) -> str:
        """The verified account name of the person the provider signed in.

        Raises:
            OidcRefused: the exchange failed, or the ID token is not valid for this attempt.
        """
        token = await self._exchange(code, attempt.verifier, redirect_uri)
        claims = await self._verified(token, attempt.nonce)
        name = claims.get(self.username_claim)
        if not isinstance(name, str) or not name.strip():
            raise OidcRefused("统一身份认证未提供账号名，请联系管理员")
        return name.strip().lower()

    async def _exchange(self, code: str, verifier: str, redirect_uri: str) -> str:
        """The ID token the token endpoint gives for ``code`` (RFC 6749 §4.1.3, RFC 7636)."""
        endpoint = str((await self._discovered())["token_endpoint"])
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                "code_verifier": verifier, "client_id": self.client_id}  # fmt: skip
        # client_secret_basic for a confidential client; a public one proves itself by PKCE.
        auth = httpx.BasicAuth(self.client_id, self.client_secret) if self.client_secret else None
        try:
            response = await self.http.post(
                endpoint, data=form, auth=auth or httpx.USE_CLIENT_DEFAULT
            )
            body = response.json() if response.status_code == 200 else {}
        except (httpx.HTTPError, ValueError) as error:
            raise OidcRefused("暂时无法连接统一身份认证，请稍后再试或使用账号密码登录") from error
        id_token = body.get("id_token") if isinstance(body, dict) else None
        if not isinstance(id_token, str):  # an error answer (invalid_grant …) or no ID token
            raise OidcRefused("统一身份认证未能换取令牌，请重新登录")
        return id_token

    async def _discovered(self) -> dict[str, Any]:
        if self._metadata is None:
            metadata = await self._get_json(f"{self.issuer}/.well-known/openid-configuration")
            if str(metadata.get("issuer", "")).rstrip("/") != self.issuer:
                raise OidcRefused("统一身份认证的配置与签发方不符，请联系管理员")
            self._metadata = metadata
        return self._metadata

    async def _verified(self, id_token: str, nonce: str) -> dict[str, Any]:
        try:
            key = await self._key(jwt.get_unverified_header(id_token).get("kid"))
            claims: dict[str, Any] = jwt.decode(
                id_token, key.key, algorithms=ALGORITHMS, audience=self.client_id,
                issuer=(await self._discovered())["issuer"], leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )  # fmt: skip
        except (jwt.PyJWTError, KeyError) as error:
            raise OidcRefused("统一身份认证的身份令牌无效，请重新登录") from error
        if not hmac.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
            raise OidcRefused("统一身份认证的身份令牌不属于本次登录，请重新登录")
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.client_id:
            raise OidcRefused("统一身份认证的身份令牌无效，请重新登录")
        return claims

    async def _key(self, kid: object) -> jwt.PyJWK:
        """The provider's key ``kid``; the key set is fetched again once for an unknown one,
        since providers rotate keys."""
        for fresh in (False, True):
            if self._keys is None or fresh:
                jwks_uri = (await self._discovered())["jwks_uri"]
                self._keys = jwt.PyJWKSet.from_dict(await self._get_json(jwks_uri))
            for key in self._keys.keys:
                if kid is None or key.key_id == kid:
                    return key
        raise KeyError(kid)

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = await self.http.get(url)
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise OidcRefused("暂时无法连接统一身份认证，请稍后再试或使用账号密码登录") from error
        if not isinstance(body, dict):
            raise OidcRefused("统一身份认证的配置无法识别，请联系管理员")
        return body
