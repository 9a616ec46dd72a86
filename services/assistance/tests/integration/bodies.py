"""Request bodies and identities the integration tests send."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.identifiers import make_id_number


def person(seq: int) -> str:
    """A valid ID number for test person ``seq``."""
    born = date(1980 + seq % 30, 1 + seq % 12, 1 + seq % 28)
    return make_id_number("320102", born, seq % 99 + 1, "female" if seq % 2 else "male")  # type: ignore[arg-type]


def household_body(
    seq: int, *, member_id: str | None = None, org_id: str | None = None, **extra: Any
) -> dict[str, Any]:
    """A valid draft: head ``seq`` with a spouse and a child, deep hardship from illness."""
    body: dict[str, Any] = {
        "head": {
            "name": f"李{seq}明",
            "id_number": person(seq),
            "member_id": member_id,
            "phone": "13912345678",
            "address": "南京市玄武区汉中门大街1号",
        },
        "family": [
            {"relation": "spouse", "name": f"王{seq}芳", "id_number": person(seq + 5000)},
            {"relation": "child", "name": f"李{seq}娃"},
        ],
        "level": "deep",
        "causes": ["illness"],
        "monthly_income_per_capita_fen": 98000,
        "temporary": False,
    }
    if org_id is not None:
        body["org_id"] = org_id
    body.update(extra)
    return body
