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

import asyncio
import logging
import math
import time
import weakref
from dataclasses import dataclass
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

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


def _counter(user_id: int, action: str, now: float) -> tuple[int, int, int, str]:
    """The limit, the window, the window's index and the counter's key for a request now."""
    window = int(settings.RATE_LIMIT_WINDOW)
    index = int(now // window)
    return limit_for(action), window, index, f"ratelimit:{action}:{user_id}:{index}"


def _verdict(user_id: int, action: str, count: int, now: float) -> Limited | None:
    limit, window, index, _key = _counter(user_id, action, now)
    if count <= limit:
        return None
    retry_after = max(1, math.ceil((index + 1) * window - now))
    logger.info("user %s rate-limited on %s (%d in the window)", user_id, action, count)
    return Limited(action=action, limit=limit, window=window, retry_after=retry_after)


def hit(user_id: int, action: str, now: float | None = None) -> Limited | None:
    """Count one request; return None if it is allowed, else why it is not."""
    now = time.time() if now is None else now
    _limit, window, _index, key = _counter(user_id, action, now)
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
    return _verdict(user_id, action, count, now)


async def ahit(user_id: int, action: str) -> Limited | None:
    """`hit` for async views, without leaving the event loop where it can: a trip to a
    thread and back waits for the interpreter lock and a CPU when the process is busy
    (docs/PERFORMANCE.md, section 7). The local-memory cache (the default, one process)
    answers in microseconds and is counted on the loop; Redis (production) is counted with
    its asyncio client, in one round trip instead of the cache API's three; any other
    cache's blocking client runs in a worker thread."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, LocMemCache):
        return hit(user_id, action)
    if isinstance(backend, RedisCache):
        now = time.time()
        _limit, window, _index, key = _counter(user_id, action, now)
        try:
            count = await _redis_count(backend.make_and_validate_key(key), window + 1)
        except Exception:  # any cache failure: fail open, like hit()
            logger.warning("rate limiter unavailable; allowing %s for user %s", action, user_id, exc_info=True)
            return None
        return _verdict(user_id, action, count, now)
    return await sync_to_async(hit, thread_sensitive=False)(user_id, action)


#: One asyncio Redis client per event loop (a client's connections belong to the loop that opened them).
_redis_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = weakref.WeakKeyDictionary()


async def _redis_count(key: str, timeout: int) -> int:
    """Create the counter at 0 if missing (expiring with its window) and add one, atomically;
    the same key and value as the cache API's add() and incr(), so both count together."""
    loop = asyncio.get_running_loop()
    client = _redis_clients.get(loop)
    if client is None:
        from redis import asyncio as aioredis

        config: dict[str, Any] = settings.CACHES[DEFAULT_CACHE_ALIAS]
        options: dict[str, Any] = config.get("OPTIONS") or {}
        location = config["LOCATION"]
        # Django's RedisCache writes to the first server of a list (or of "a,b").
        first = location[0] if isinstance(location, list | tuple) else str(location).split(",")[0]
        client = aioredis.Redis.from_url(
            first,
            socket_connect_timeout=options.get("socket_connect_timeout", 1),
            socket_timeout=options.get("socket_timeout", 1),
        )
        _redis_clients[loop] = client
    async with client.pipeline(transaction=True) as pipe:
        pipe.set(key, 0, nx=True, ex=timeout)
        pipe.incr(key)
        _created, count = await pipe.execute()
    return int(count)
