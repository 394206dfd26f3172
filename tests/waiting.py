"""Waiting in tests for something another thread, task or process does: one helper for each way.

Each polls until the condition holds and fails with what it waited for after the
timeout. The timeout only bounds a broken test; it asserts nothing about speed.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from processing.models import ProcessingRun


def wait_until(
    predicate: Callable[[], object], timeout: float = 20.0, what: str = "the condition", interval: float = 0.02
) -> None:
    """Block until predicate() is true (for threads, subprocesses and browsers)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(interval)


async def eventually(
    predicate: Callable[[], object | Awaitable[object]],
    timeout: float = 10.0,
    what: str = "the condition",
    interval: float = 0.01,
) -> None:
    """Await until predicate() is true; predicate may be a coroutine function (a database read)."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(interval)


async def run_ended(run_id: int, timeout: float = 30.0) -> ProcessingRun:
    """The run's row once its task in this process has ended (at once if it runs elsewhere)."""
    from processing.models import ProcessingRun
    from processing.registry import registry

    handle = registry.get(run_id)
    if handle is not None:
        await asyncio.wait_for(handle.done.wait(), timeout)
    return await ProcessingRun.objects.aget(pk=run_id)
