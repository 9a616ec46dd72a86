"""Signal handling shared by every long-lived process: first signal stops, second exits."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from collections.abc import Callable, Coroutine
from typing import Any

import uvloop

logger = logging.getLogger(__name__)

STOP_BOUND_SECONDS = 9.0
"""Most seconds between the first signal and the end of the process. The Kubernetes grace
period (``terminationGracePeriodSeconds``) must exceed this plus the preStop pause."""

SETTLE_SECONDS = 6.0
"""How long :func:`run_until_signalled` lets the work return by itself before cancelling it."""

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
OVERRUN_EXIT_CODE = 1


def install_stop_handlers(
    on_stop: Callable[[], object], *, bound: float = STOP_BOUND_SECONDS
) -> None:
    """Route SIGINT and SIGTERM: the first calls ``on_stop``, a second exits at once.

    The first signal also arms a backstop: if the process is still alive ``bound`` seconds
    later, it exits with status 1 without further clean-up. Exiting abruptly never breaks a
    delivery guarantee (acks follow commits), it only costs redeliveries.

    Args:
        on_stop: called in the main thread from the signal handler; it must only schedule
            work (e.g. ``loop.call_soon_threadsafe(stop.set)``).
        bound: seconds after the first signal at which the backstop ends the process.
    """
    received: list[int] = []

    def handle(signum: int, _frame: object) -> None:
        if received:
            os._exit(128 + signum)
        received.append(signum)
        _arm_backstop(bound)
        on_stop()

    for sig in STOP_SIGNALS:
        signal.signal(sig, handle)


def _arm_backstop(bound: float) -> None:
    def overrun() -> None:
        logger.error("still stopping %.0fs after the signal: exiting now", bound)
        os._exit(OVERRUN_EXIT_CODE)

    timer = threading.Timer(bound, overrun)
    timer.daemon = True
    timer.start()


Work = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


def run_until_signalled(work: Work, *, settle: float = SETTLE_SECONDS) -> None:
    """Run ``work(stop)`` on a new event loop until it returns or a signal stops it.

    The first SIGINT/SIGTERM sets ``stop``; ``work`` should then finish its batch and return.
    If it has not returned ``settle`` seconds later (e.g. it is still connecting to a server
    that is down), it is cancelled. Returns normally, so the process exits with status 0.

    Args:
        work: the process's main coroutine, given the stop event.
        settle: seconds allowed for ``work`` to return by itself once stopped.
    """
    # libuv's loop, as uvicorn runs the APIs: a relay or consumer spends much of its time in
    # the loop's socket and callback machinery, which uvloop does in C.
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(_run(work, settle))


async def _run(work: Work, settle: float) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    install_stop_handlers(lambda: loop.call_soon_threadsafe(stop.set))
    task = asyncio.create_task(work(stop))
    stopped = asyncio.create_task(stop.wait())
    await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    if not task.done():
        await asyncio.wait({task}, timeout=settle)
    if not task.done():
        logger.warning("work did not return %.0fs after the stop signal: cancelling it", settle)
        task.cancel()
        await asyncio.wait({task}, timeout=1.0)
    stopped.cancel()
    if task.done() and not task.cancelled() and task.exception() is not None:
        raise task.exception()  # type: ignore[misc]
