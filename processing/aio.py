"""asyncio helpers for cleanup that must finish."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


async def finish_then_reraise(coro: Coroutine[Any, Any, T]) -> T:
    """Run `coro` to completion even if the caller is cancelled (once or many times).

    `await asyncio.shield(x)` protects x, but the caller itself resumes at once
    with CancelledError and may move on (remove the run from the registry,
    answer the cancel request) before x has written anything. Here the caller
    waits for x, then re-raises the cancellation it received.
    """
    task = asyncio.ensure_future(coro)
    cancelled = False
    while True:
        try:
            result = await asyncio.shield(task)
            break
        except asyncio.CancelledError:
            if task.done():
                raise
            cancelled = True
    if cancelled:
        raise asyncio.CancelledError()
    return result
