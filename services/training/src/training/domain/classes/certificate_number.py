"""Certificate numbers that cannot be guessed: 75 random bits and a check character.

``GH-XXXX-XXXX-XXXX-XXXC``: fifteen characters drawn from ``secrets`` in Crockford's base 32
(no I, L, O, U), then a Luhn mod 32 check character, which catches any single mistyped
character before the registry is even asked. Luhn mod N misses one swap of neighbours: ``0``
and ``Z`` (the values 0 and N-1, as 09/90 in Luhn mod 10), so no number is issued with those
two side by side, and every swap of neighbours in an issued number is caught too. A number
made up or guessed passes the check once in 32 tries, and then names a certificate once in
about 2⁷⁵.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "GH"
RANDOM_CHARS = 15
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_char(body: str) -> str:
    """The Luhn mod 32 check character of ``body`` (characters of :data:`ALPHABET`)."""
    n = len(ALPHABET)
    total, factor = 0, 2
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // n + addend % n
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


_LUHN_BLIND_PAIRS = ("0Z", "Z0")


def new_number(choose: Callable[[str], str] = secrets.choice) -> str:
    """A fresh number in its canonical form (no separators), e.g. ``GH7K3M…``; drawn again
    while ``0`` and ``Z`` stand side by side, the one swap the check character cannot see."""
    while True:
        body = "".join(choose(ALPHABET) for _ in range(RANDOM_CHARS))
        checked = body + check_char(body)
        if not any(pair in checked for pair in _LUHN_BLIND_PAIRS):
            return PREFIX + checked


def canonical(text: str) -> str | None:
    """The canonical form of a number as typed (case, spaces, hyphens, O/I/L forgiven), or
    ``None`` when it is not a well-formed number with a right check character."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    if not cleaned.startswith(PREFIX) or len(cleaned) > 64:
        return None
    body = cleaned[len(PREFIX) :].translate(_CONFUSABLE)
    if len(body) != RANDOM_CHARS + 1 or any(char not in ALPHABET for char in body):
        return None
    if check_char(body[:-1]) != body[-1]:
        return None
    return PREFIX + body


def display(number: str) -> str:
    """``GHABCDEFGHJKMNPQR`` → ``GH-ABCD-EFGH-JKMN-PQRC``, as printed."""
    body = number[len(PREFIX) :]
    groups = [body[i : i + 4] for i in range(0, len(body), 4)]
    return "-".join([PREFIX, *groups])
