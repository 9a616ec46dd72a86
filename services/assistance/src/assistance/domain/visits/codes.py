"""The codes of visits, as the integration contracts spell them (``tests/unit/test_codes.py``
checks the two agree); the values are the strings of the API, the database and the events."""

from __future__ import annotations

from enum import StrEnum


class VisitOccasion(StrEnum):
    """四必访/五必访."""

    HOSPITAL = "hospital"  # 住院
    UNIVERSITY_ENTRY = "university_entry"  # 子女升学
    FESTIVAL = "festival"  # 节日
    WEDDING = "wedding"  # 婚嫁
    FUNERAL = "funeral"  # 丧事
    OTHER = "other"  # 其他


OCCASIONS: tuple[VisitOccasion, ...] = tuple(VisitOccasion)
