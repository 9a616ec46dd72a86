"""Password hashing with argon2id (argon2-cffi's defaults, RFC 9106's second recommendation)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
MIN_LENGTH = 10

# Verified against when the username is unknown, so a miss costs as much as a wrong password.
_DUMMY_HASH = _hasher.hash("unionhub-no-such-account")


def hash_password(password: str) -> str:
    """The argon2id hash (salted, parameters encoded) of ``password``."""
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; with no stored hash, spends the same time and says no."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def weakness(password: str, username: str) -> str | None:
    """Why a new password is refused (in Chinese), or ``None``."""
    if len(password) < MIN_LENGTH:
        return f"密码至少 {MIN_LENGTH} 位"
    if username and username.lower() in password.lower():
        return "密码不能包含用户名"
    kinds = sum(any(test(c) for c in password) for test in (str.isdigit, str.isalpha, _is_symbol))
    if kinds < 2:
        return "密码须包含字母、数字、符号中的至少两类"
    return None


def _is_symbol(char: str) -> bool:
    return not char.isalnum()
