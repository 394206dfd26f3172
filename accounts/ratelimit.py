"""Per-user limits on starting and cancelling runs and adding applications by hand: fixed-window counters in the cache.

A window is `RATE_LIMIT_WINDOW` seconds aligned on the clock; each (action, user,
window) has one counter, so the limit holds across every daphne process that
shares the cache (Redis in production). Counters expire with their window.

The limiter fails open: if the cache is unreachable the request is allowed and a
warning logged. Refusing every cancel while Redis restarts would be worse than
letting a few extra requests through — the database still allows only one
started run per user.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger("jobtrail.ratelimit")

START = "start"
CANCEL = "cancel"
ADD_APPLICATION = "add_application"

_VERBS = {START: "start processing", CANCEL: "cancel processing", ADD_APPLICATION: "add applications by hand"}


@dataclass(frozen=True)
class Limited:
    """A refused request: how many are allowed, per how long, and when to retry."""

    action: str
    limit: int
    window: int
    retry_after: int

    @property
    def message(self) -> str:
        return (
            f"Too many requests: you can {_VERBS[self.action]} {self.limit} times per {self.window} seconds. "
            f"Try again in {self.retry_after} second{'s' if self.retry_after != 1 else ''}."
        )


def limit_for(action: str) -> int:
    if action == START:
        return int(settings.RATE_LIMIT_STARTS)
    if action == CANCEL:
        return int(settings.RATE_LIMIT_CANCELS)
    if action == ADD_APPLICATION:
        return int(settings.RATE_LIMIT_ADDS)
    raise ValueError(f"unknown rate-limited action {action!r}")


def hit(user_id: int, action: str, now: float | None = None) -> Limited | None:
    """Count one request; return None if it is allowed, else why it is not."""
    limit = limit_for(action)
    window = int(settings.RATE_LIMIT_WINDOW)
    now = time.time() if now is None else now
    index = int(now // window)
    key = f"ratelimit:{action}:{user_id}:{index}"
    try:
        # add() only creates the counter (atomically) when it is missing, so two
        # processes starting a window do not reset each other's count.
        cache.add(key, 0, timeout=window + 1)
        try:
            count = cache.incr(key)
        except ValueError:
            # The counter expired between add() and incr(): this is the first hit.
            cache.add(key, 1, timeout=window + 1)
            count = 1
    except Exception:  # any cache failure: fail open, see the module docstring
        logger.warning("rate limiter unavailable; allowing %s for user %s", action, user_id, exc_info=True)
        return None
    if count <= limit:
        return None
    retry_after = max(1, math.ceil((index + 1) * window - now))
    logger.info("user %s rate-limited on %s (%d in the window)", user_id, action, count)
    return Limited(action=action, limit=limit, window=window, retry_after=retry_after)


async def ahit(user_id: int, action: str) -> Limited | None:
    """`hit` for async views. A networked cache's client blocks, so it runs in a worker
    thread; the local-memory cache (the default, one process) answers in microseconds and
    is counted on the event loop: a trip to a thread and back waits for the interpreter
    lock and a CPU when the process is busy (docs/PERFORMANCE.md, section 7)."""
    if isinstance(caches[DEFAULT_CACHE_ALIAS], LocMemCache):
        return hit(user_id, action)
    return await sync_to_async(hit, thread_sensitive=False)(user_id, action)
