"""The aid routers the app includes, and the resumption of unfinished payment batches."""

from __future__ import annotations

from fastapi import APIRouter

from assistance.bootstrap import Container
from assistance.entrypoints.api import (
    applications,
    budgets,
    donations,
    insurance,
    payment_batches,
    payments,
)
from assistance.service_layer import payment_batch_job

AID_ROUTERS: list[APIRouter] = [
    budgets.router,
    applications.router,
    payments.router,
    payment_batches.router,
    donations.router,
    insurance.router,
]


async def resume_payment_batches(container: Container) -> None:
    """At start, pay on every batch a crash or a restart interrupted."""
    await payment_batch_job.resume_payment_batches(
        container.uow,
        container.spawn,
        chunk_size=container.settings.payment_batch_chunk_size,
    )
