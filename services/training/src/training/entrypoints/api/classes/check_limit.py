"""A per-address limit on the public certificate check.

Certificate numbers carry 75 random bits, so guessing is hopeless anyway; the limit keeps a
scraper from using the public page to learn which numbers exist and from loading the
registry. Each process counts on its own (a sliding minute per client address, oldest
addresses forgotten first), which is enough behind an Ingress that limits as well.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from typing import Annotated, Any

from fastapi import Depends, Request
from shared.http.problems import Problem, ProblemDetails

from training.entrypoints.api.deps import ContainerDep

WINDOW_SECONDS = 60.0
MAX_TRACKED_ADDRESSES = 10_000


class SlidingWindowLimit:
    """At most ``limit`` calls per address within any ``window`` seconds."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window
        self._calls: OrderedDict[str, deque[float]] = OrderedDict()

    def retry_after(self, address: str, now: float | None = None) -> int:
        """0 when the call is allowed (and counted), else whole seconds until it would be."""
        now = time.monotonic() if now is None else now
        calls = self._calls.pop(address, None) or deque()
        while calls and calls[0] <= now - self.window:
            calls.popleft()
        self._calls[address] = calls  # most recently seen last
        if len(self._calls) > MAX_TRACKED_ADDRESSES:
            self._calls.popitem(last=False)
        if len(calls) >= self.limit:
            return max(1, math.ceil(calls[0] + self.window - now))
        calls.append(now)
        return 0


def _limit_for(request: Request, limit: int) -> SlidingWindowLimit:
    state = request.app.state
    if getattr(state, "certificate_check_limit", None) is None:
        state.certificate_check_limit = SlidingWindowLimit(limit)
    found: SlidingWindowLimit = state.certificate_check_limit
    return found


async def within_check_limit(request: Request, container: ContainerDep) -> None:
    """Refuse with 429 and ``Retry-After`` once the caller's address used up its minute."""
    limit = _limit_for(request, container.settings.certificate_checks_per_minute)
    address = request.client.host if request.client else "unknown"
    wait = limit.retry_after(address)
    if wait:
        raise Problem(
            429,
            "查询过于频繁",
            f"同一地址每分钟最多查询 {limit.limit} 次，请 {wait} 秒后再试",
            headers={"Retry-After": str(wait)},
        )


TOO_MANY: dict[int | str, dict[str, Any]] = {
    429: {"model": ProblemDetails, "description": "查询过于频繁（见 Retry-After）"}
}
"""The refusal, for the routes' OpenAPI ``responses``."""

CheckAllowed = Annotated[None, Depends(within_check_limit)]
"""A public check route's guard: the caller's address is within its minute's allowance."""
