"""Rows as column arrays, the shape ``unnest($1::uuid[], $2::date[], …)`` takes them in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def columns(rows: Sequence[tuple[Any, ...]]) -> list[list[Any]]:
    """One list per column of ``rows`` (all of one width), in column order."""
    return [list(column) for column in zip(*rows, strict=True)]
