"""Kept threads for the synchronous part of HTTP requests.

Django under ASGI runs a request's synchronous code (here: the whole middleware chain,
which loads the session and the user) on a thread of the request's own, made for it and
dropped after it. A database connection belongs to its thread, so every request opened a
new one and `CONN_MAX_AGE` never kept any: on PostgreSQL a new server process per request
(5-10 ms on a quiet machine, tens of milliseconds with a busy CPU), in front of every
page, poll and cancel (docs/PERFORMANCE.md, section 10).

`KeptRequestThreads` hands each HTTP request one of a few long-lived single-thread
executors through asgiref's `ThreadSensitiveContext(executor=...)`: the request's
synchronous code still runs on one thread of its own for the request's whole life (what
Django needs), and the thread, with its connection, serves the next request after it, as
a WSGI server's threads do. When all of them are busy, a request gets a thread of its own
as before instead of waiting. Websockets keep Channels' own handling: a socket lives for
minutes and must not hold a kept thread.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import ThreadSensitiveContext

THREAD_NAME_PREFIX = "jobtrail-request"


class KeptRequestThreads:
    """ASGI wrapper: HTTP requests run their synchronous code on up to `size` kept threads."""

    def __init__(self, app: Any, size: int) -> None:
        self.app = app
        self.size = size
        self._idle: list[ThreadPoolExecutor] = []
        self._made = 0

    def _take(self) -> ThreadPoolExecutor | None:
        # Only the event loop's thread calls this and _give_back: no lock needed.
        if self._idle:
            return self._idle.pop()
        if self._made < self.size:
            self._made += 1
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{THREAD_NAME_PREFIX}-{self._made}")
        return None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        executor = self._take() if scope["type"] == "http" else None
        if executor is None:
            await self.app(scope, receive, send)
            return
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.app(scope, receive, send)
        finally:
            # A request cancelled while its synchronous code still runs leaves that code
            # on the thread: the next request's calls queue behind it on the same thread
            # (one at a time, as Django expects), they never run beside it.
            self._idle.append(executor)
