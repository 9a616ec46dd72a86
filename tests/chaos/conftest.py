"""The ``chaos`` package lives at the repository root and is not installed: make it importable
however pytest was started (``python -m pytest`` adds the working directory, ``pytest`` not)."""

from __future__ import annotations

import sys
from pathlib import Path

REPOSITORY_ROOT = str(Path(__file__).resolve().parents[2])
if REPOSITORY_ROOT not in sys.path:
    sys.path.insert(0, REPOSITORY_ROOT)
