"""Request bodies the integration tests send."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from shared.identifiers import make_id_number

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def person(n: int, *, member_id: str | None = None, phone: bool = True) -> dict[str, Any]:
    """The ``n``-th test person: a valid ID number, a two-character name, a mobile."""
    body: dict[str, Any] = {
        "name": SURNAMES[n % 20] + GIVEN[(n // 20) % 20] + GIVEN[(n // 400) % 20],
        "id_number": make_id_number(
            "320102", date(1970, 1, 1) + timedelta(days=n // 100), n % 100, "female"
        ),
    }
    if phone:
        body["phone"] = f"139{n:08d}"
    if member_id:
        body["member_id"] = member_id
    return body


def class_body(org_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "org_id": org_id,
        "title": "电工上岗证培训第3期",
        "kind": "skills",
        "provider": "市职工技能培训中心",
        "venue": "汉中门社区职工学校",
        "starts_on": "2026-03-02",
        "ends_on": "2026-03-27",
        "sessions_planned": 4,
        "capacity": 30,
        "target_groups": ["laid_off", "migrant"],
        "min_attendance_percent": 75,
        "assessment_required": False,
        **overrides,
    }
