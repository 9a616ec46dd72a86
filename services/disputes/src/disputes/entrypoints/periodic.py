"""Background work of the API process: marking cases past their 15-day due date."""

from __future__ import annotations

import asyncio
import logging

from disputes.bootstrap import Container
from disputes.service_layer.cases.mediation import mark_overdue_cases

logger = logging.getLogger(__name__)


async def mark_all_overdue(container: Container) -> int:
    """Mark every case past its due date, batch by batch; returns how many were marked."""
    total = 0
    while marked := await mark_overdue_cases(container.uow()):
        total += marked
    return total


async def mark_overdue_periodically(container: Container, stop: asyncio.Event) -> None:
    """Run :func:`mark_all_overdue` at start and then every configured interval until ``stop``."""
    interval = container.settings.overdue_check_interval_seconds
    while not stop.is_set():
        try:
            marked = await mark_all_overdue(container)
            if marked:
                logger.info("marked %d cases overdue", marked)
        except Exception:
            logger.warning("marking overdue cases failed", exc_info=True)
        try:
            await asyncio.wait_for(stop.wait(), interval)
        except TimeoutError:
            continue
