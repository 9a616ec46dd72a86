"""Authentication and authorisation: bearer JWTs, the caller, roles and organisation scope."""

from shared.auth.dependencies import CurrentPrincipal, get_principal, require_roles
from shared.auth.principal import ROLE_TITLES, Principal, Role
from shared.auth.signing import SigningKey
from shared.auth.tokens import AuthError, issue_token, verify_token

__all__ = [
    "ROLE_TITLES",
    "AuthError",
    "CurrentPrincipal",
    "Principal",
    "Role",
    "SigningKey",
    "get_principal",
    "issue_token",
    "require_roles",
    "verify_token",
]
