"""Background work of the API process: flagging files not re-verified for 12 months."""

from __future__ import annotations

import asyncio
import logging

from assistance.bootstrap import Container
from assistance.service_layer.households.handlers import flag_overdue_files

logger = logging.getLogger(__name__)


async def flag_all_overdue(container: Container) -> int:
    """Flag every overdue file, batch by batch; returns how many were flagged."""
    total = 0
    while flagged := await flag_overdue_files(container.uow()):
        total += flagged
    return total


async def flag_overdue_periodically(container: Container, stop: asyncio.Event) -> None:
    """Run :func:`flag_all_overdue` at start and then every configured interval until ``stop``."""
    interval = container.settings.overdue_check_interval_seconds
    while not stop.is_set():
        try:
            flagged = await flag_all_overdue(container)
            if flagged:
                logger.info("flagged %d files not re-verified for 12 months", flagged)
        except Exception:
            logger.warning("flagging overdue files failed", exc_info=True)
        try:
            await asyncio.wait_for(stop.wait(), interval)
        except TimeoutError:
            continue
