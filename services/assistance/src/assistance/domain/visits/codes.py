"""The codes of visits, as the integration contracts spell them (``tests/unit/test_codes.py``
checks the two agree)."""

from __future__ import annotations

from typing import Literal

VisitOccasion = Literal["hospital", "university_entry", "festival", "wedding", "funeral", "other"]
"""住院, 子女升学, 节日, 婚嫁, 丧事, 其他 (四必访/五必访)."""
