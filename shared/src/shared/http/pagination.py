"""Offset pagination: the ``limit``/``offset`` query parameters and the page envelope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 2_147_483_647
"""No listing holds more rows; a larger offset (up to 64 bits and beyond) is refused as 422
with the field named, rather than reaching PostgreSQL as an integer it cannot take."""


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items`` plus what a client needs to fetch the next."""

    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class PageParams:
    """The requested window, validated."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def page(self, items: list[T], total: int) -> Page[T]:
        """Wrap a query's rows and total count in a :class:`Page`."""
        return Page(items=items, total=total, limit=self.limit, offset=self.offset)


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="每页条数")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="跳过的条数")] = 0,
) -> PageParams:
    """FastAPI dependency: ``limit`` 1–500 (default 50) and ``offset`` 0–2³¹−1."""
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]
"""Route parameter type for ``limit`` / ``offset`` paging."""
