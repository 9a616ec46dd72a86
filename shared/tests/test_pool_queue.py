"""Pool connections are handed to waiters first come, first served."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from shared.pool_queue import HandOffQueue, make_fair


def fair_queue() -> asyncio.Queue[Any]:
    holder: Any = SimpleNamespace(_queue=asyncio.LifoQueue())
    make_fair(holder)
    queue: asyncio.Queue[Any] = holder._queue
    return queue


async def test_a_returned_item_goes_to_the_longest_waiter_not_to_a_newcomer() -> None:
    queue = fair_queue()
    first = asyncio.create_task(queue.get())
    second = asyncio.create_task(queue.get())
    await asyncio.sleep(0)  # both wait now

    queue.put_nowait("connection-1")
    newcomer = asyncio.create_task(queue.get())  # arrives before the first waiter runs
    assert await first == "connection-1"
    queue.put_nowait("connection-2")
    assert await second == "connection-2"
    assert not newcomer.done()
    queue.put_nowait("connection-3")
    assert await newcomer == "connection-3"


async def test_an_item_handed_to_a_cancelled_waiter_passes_to_the_next() -> None:
    queue = fair_queue()
    cancelled = asyncio.create_task(queue.get())
    waiting = asyncio.create_task(queue.get())
    await asyncio.sleep(0)

    queue.put_nowait("connection")
    cancelled.cancel()  # cancelled after the hand-over, before it ran
    assert await waiting == "connection"
    assert cancelled.cancelled()
    assert queue.empty()


async def test_making_a_queue_fair_keeps_its_items_and_its_class() -> None:
    holder: Any = SimpleNamespace(_queue=asyncio.LifoQueue())
    for item in ("older", "newer"):
        holder._queue.put_nowait(item)

    make_fair(holder)

    assert isinstance(holder._queue, HandOffQueue)
    assert isinstance(holder._queue, asyncio.LifoQueue)
    assert holder._queue.qsize() == 2
    assert {holder._queue.get_nowait(), holder._queue.get_nowait()} == {"older", "newer"}
