"""A per-address limit on the public certificate check.

Certificate numbers carry 75 random bits, so guessing is hopeless anyway; the limit keeps a
scraper from using the public page to learn which numbers exist and from loading the
registry. Calls are counted in the database (a sliding minute per client address), so the
allowance is the same however many API replicas serve the page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from shared.http.problems import Problem, ProblemDetails

from training.adapters.classes.check_calls import take_check
from training.entrypoints.api.deps import ContainerDep

WINDOW_SECONDS = 60.0


async def within_check_limit(request: Request, container: ContainerDep) -> None:
    """Refuse with 429 and ``Retry-After`` once the caller's address used up its minute."""
    limit = container.settings.certificate_checks_per_minute
    address = request.client.host if request.client else "unknown"
    async with container.pool.acquire() as conn:
        wait = await take_check(conn, address, limit, WINDOW_SECONDS)
    if wait:
        raise Problem(
            429,
            "查询过于频繁",
            f"同一地址每分钟最多查询 {limit} 次，请 {wait} 秒后再试",
            headers={"Retry-After": str(wait)},
        )


TOO_MANY: dict[int | str, dict[str, Any]] = {
    429: {"model": ProblemDetails, "description": "查询过于频繁（见 Retry-After）"}
}
"""The refusal, for the routes' OpenAPI ``responses``."""

CheckAllowed = Annotated[None, Depends(within_check_limit)]
"""A public check route's guard: the caller's address is within its minute's allowance."""
