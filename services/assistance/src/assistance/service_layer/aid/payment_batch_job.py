"""The background job paying a festival batch chunk by chunk until no item is pending.

Started when a batch is created and, for every batch not completed, when the service starts
(so a batch interrupted by a crash or a restart is resumed where it stopped). Several jobs
on the same batch (two replicas) share the work safely: each chunk claims other items.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import NotFound

from assistance.service_layer.aid.payment_batches import pay_next_chunk

if TYPE_CHECKING:
    # Annotations only: the unit of work is built from the areas, which import this module.
    from assistance.service_layer.ports import AbstractUnitOfWork

logger = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 500
IDLE_SECONDS = 0.2
"""Pause when every pending item is held by another job: it will finish them."""
MAX_BACKOFF_SECONDS = 5.0


async def run_payment_batch(
    batch_id: UUID,
    make_unit: Callable[[], AbstractUnitOfWork],
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> None:
    """Pay the batch's pending items until it is completed, retrying after failures."""
    failures = 0
    while True:
        try:
            result = await pay_next_chunk(batch_id, make_unit(), chunk_size)
        except NotFound:
            logger.error("payment batch %s does not exist; job stopped", batch_id)
            return
        except Exception:
            failures += 1
            logger.warning("payment batch %s chunk failed", batch_id, exc_info=True)
            await asyncio.sleep(min(MAX_BACKOFF_SECONDS, 0.1 * 2**failures))
            continue
        failures = 0
        if result.completed:
            logger.info("payment batch %s completed", batch_id)
            return
        if result.claimed == 0:
            await asyncio.sleep(IDLE_SECONDS)


async def resume_payment_batches(
    make_unit: Callable[[], AbstractUnitOfWork],
    spawn: Callable[[object], object],
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> list[UUID]:
    """Start a job for every batch not completed; the ids of the batches resumed."""
    unit = make_unit()
    async with unit:
        running = await unit.payment_batches.running()
    for batch_id in running:
        spawn(run_payment_batch(batch_id, make_unit, chunk_size=chunk_size))
    return running
