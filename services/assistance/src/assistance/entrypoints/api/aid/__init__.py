"""Aid (帮扶) in the API: budgets, applications, payments and festival payment batches.

The area's one registration point in the API: the routers the app includes (``ROUTERS``), and
the resumption of payment batches a crash or a restart interrupted.
"""

from __future__ import annotations

from fastapi import APIRouter

from assistance.bootstrap import Container
from assistance.entrypoints.api.aid import applications, budgets, payment_batches, payments
from assistance.service_layer.aid import payment_batch_job

ROUTERS: list[APIRouter] = [
    budgets.router,
    applications.router,
    payments.router,
    payment_batches.router,
]


async def resume_payment_batches(container: Container) -> None:
    """At start, pay on every batch a crash or a restart interrupted."""
    await payment_batch_job.resume_payment_batches(
        container.uow,
        container.spawn,
        chunk_size=container.settings.payment_batch_chunk_size,
    )
