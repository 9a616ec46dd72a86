"""Signing ES256 tokens with a private key and publishing its public half as a JWKS.

The workbench signs short-lived tokens for its signed-in users with this; the services verify
them against its ``/.well-known/jwks.json`` (``JWT_JWKS_URL``) and hold no signing secret.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from shared.auth.tokens import token_claims
from shared.settings import ServiceSettings


@dataclass(frozen=True)
class SigningKey:
    """A P-256 private key and its key id (the RFC 7638 thumbprint of its public key)."""

    private_key: ec.EllipticCurvePrivateKey
    kid: str

    @classmethod
    def from_pem(cls, pem: str) -> SigningKey:
        """The key of a PEM (PKCS#8) P-256 private key.

        Raises:
            ValueError: the PEM is not a P-256 private key.
        """
        key = serialization.load_pem_private_key(pem.encode(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
            raise ValueError("the signing key must be a P-256 (ES256) private key")
        return cls(key, _thumbprint(key))

    @classmethod
    def generate(cls) -> SigningKey:
        """A fresh key (development: tokens die with the process that signed them)."""
        key = ec.generate_private_key(ec.SECP256R1())
        return cls(key, _thumbprint(key))

    def private_pem(self) -> str:
        """The private key as unencrypted PKCS#8 PEM."""
        return self.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()

    def sign(
        self,
        settings: ServiceSettings,
        *,
        subject: str,
        roles: Iterable[str],
        org_id: str | None,
        ttl: timedelta,
    ) -> str:
        """An ES256 token with the platform's claims (see :func:`shared.auth.issue_token`)."""
        claims = token_claims(settings, subject=subject, roles=roles, org_id=org_id, ttl=ttl)
        return jwt.encode(claims, self.private_key, algorithm="ES256", headers={"kid": self.kid})

    def jwks(self) -> dict[str, Any]:
        """The JSON Web Key Set publishing the public key."""
        return {"keys": [self._public_jwk()]}

    def _public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = ECAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "ES256"}


def _thumbprint(key: ec.EllipticCurvePrivateKey) -> str:
    jwk = ECAlgorithm.to_jwk(key.public_key(), as_dict=True)
    canonical = json.dumps(
        {name: jwk[name] for name in ("crv", "kty", "x", "y")}, separators=(",", ":")
    )
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
