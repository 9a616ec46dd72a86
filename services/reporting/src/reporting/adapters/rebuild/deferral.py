"""Deferring derived rows during a bulk load.

The membership periods and the per-organisation totals are derived from the facts. Kept event
by event they are rewritten for every batch that touches them; a bulk load (the rebuild)
leaves them alone meanwhile and derives them once from all the facts at the end
(:func:`reporting.adapters.projections.member_facts.derive_all_periods`, then
:func:`reporting.adapters.rebuild.totals_refresh.refresh_totals`), which gives the same rows for a
fraction of the work.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

DERIVED_TABLES = frozenset(
    {"membership_periods", "member_totals", "employer_totals", "contract_totals", "totals_orgs"}
)
"""The tables written from the facts after a bulk load, rather than during it."""

_DEFERRED: ContextVar[bool] = ContextVar("derived_rows_deferred", default=False)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Leave the derived rows alone until the block ends; the caller derives them afterwards."""
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def derived_now() -> bool:
    """Whether derived rows are kept as the facts are written (not within :func:`deferred`)."""
    return not _DEFERRED.get()
