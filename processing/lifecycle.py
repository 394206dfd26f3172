"""Per-process start-up and graceful shutdown under daphne.

Daphne has no lifespan events, so the first request or websocket connection of a
process starts its services (cancel listener, periodic sweeper — which also
interrupts runs a crashed predecessor left behind). SIGTERM makes Twisted shut
down; a "before shutdown" trigger stops this process's runs first, recording them
as interrupted (reason `shutdown`) so a later run resumes them.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import math
import sys
import time
from collections import deque
from typing import Any

from django.conf import settings

# The pipeline is imported when asgi.py loads, not lazily by the first run: it pulls
# in openai (about a second of imports), which would block the event loop, and every
# request on it, during the first run of the process.
from processing import pipeline, runs  # noqa: F401
from processing.pool import get_pool

logger = logging.getLogger("jobtrail.lifecycle")

_started = False


def _install_shutdown_trigger() -> None:
    try:
        from twisted.internet import reactor
        from twisted.internet.defer import Deferred
    except ImportError:
        return

    def before_shutdown() -> Any:
        logger.info("shutting down: interrupting %d run(s)", len(runs.registry))
        future = asyncio.ensure_future(runs.stop_all_runs(timeout=10))
        return Deferred.fromFuture(future)

    reactor.addSystemEventTrigger("before", "shutdown", before_shutdown)  # type: ignore[attr-defined,arg-type]


#: How long a thread may keep the GIL while another waits for it (Python's default: 5 ms).
#: The event loop gives the GIL up at every system call and then waits to get it back; while
#: a thread of the process runs Python code (a Gmail batch response being decoded, a batch
#: being written and grouped, a page rendered) each of those waits can last the whole
#: interval, and one request crosses between the loop and a thread about a dozen times.
#: With a CPU-bound thread beside it, ten such crossings took p99 96-182 ms at 5 ms and
#: 8-17 ms at 1 ms (docs/PERFORMANCE.md, section 7). The busy thread pays a few more switches.
SWITCH_INTERVAL_SECONDS = 0.001


def favour_the_event_loop() -> None:
    """Called once by asgi.py: a shorter GIL switch interval (see SWITCH_INTERVAL_SECONDS)."""
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)


def freeze_startup_objects() -> None:
    """Import what the first requests and runs would, then exempt it from the cyclic GC.

    Called once by asgi.py. A full collection walks every tracked object and stops the
    event loop meanwhile: with Django, allauth, openai and Jobtrail's views loaded that
    is ~190,000 objects, 90-150 ms every few seconds under load (docs/PERFORMANCE.md).
    Frozen, they are still freed by reference counting, but full collections only walk
    what was created afterwards (~25,000 objects with two runs: ~20 ms).
    """
    from channels.layers import get_channel_layer
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  # imports every view module
    get_channel_layer()
    # Imported lazily by the first run: the sources, the classifiers and the LLM client's resources.
    # The client's `chat` property imports these modules on first use (openai's packages load
    # their modules lazily, so importing the package alone imports nothing): 60 ms on a quiet
    # machine and 0.4 s on a busy one, on the event loop, in the middle of the first run's
    # first LLM request (py-spy, docs/PERFORMANCE.md section 7).
    import openai.resources.chat.chat
    import openai.resources.chat.completions.completions  # noqa: F401

    import processing.sources.mbox

    # The Gmail client (googleapiclient, google-auth, httpx): ~0.3 s of imports that held the
    # GIL in the first Gmail run's thread, stalling the loop and every request meanwhile.
    with contextlib.suppress(ImportError):  # a build without Gmail support
        import processing.sources.gmail  # noqa: F401

    # The rules (cached for the process): every run's strategy builds a rules classifier,
    # and the first one compiled them in a thread, holding the GIL for 0.2-0.5 s.
    from jobmail.classify.llm import shared_tls_context
    from jobmail.classify.rules.phrases import load_rules

    load_rules()
    shared_tls_context()  # the CA bundle, loaded once for every run's LLM client

    gc.collect()
    gc.freeze()


class LoopLagMonitor:
    """Opt-in (LOOP_LAG_MONITOR): how late this process's event loop wakes a 50 ms sleep.

    A blocking call anywhere on the loop (sync ORM, CPU-heavy parsing) shows up as
    lag; bench/ reads the summary to check the loop stays responsive under load.
    """

    interval = 0.05

    def __init__(self, keep: int = 72_000) -> None:
        #: (wall-clock time, lag in seconds); an hour at 20 samples a second.
        self.samples: deque[tuple[float, float]] = deque(maxlen=keep)
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.task is None:
            self.task = asyncio.get_running_loop().create_task(self._sample(), name="jobtrail-loop-lag")

    async def _sample(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(self.interval)
            self.samples.append((time.time(), max(0.0, loop.time() - before - self.interval)))

    def summary(self, since: float = 0.0) -> dict[str, float]:
        """Lag percentiles in milliseconds over the samples taken at or after `since` (Unix time)."""
        lags = sorted(lag for at, lag in list(self.samples) if at >= since)

        def rank(fraction: float) -> float:
            return round(lags[max(0, math.ceil(fraction * len(lags)) - 1)] * 1000, 2) if lags else 0.0

        return {"samples": len(lags), "p50_ms": rank(0.5), "p99_ms": rank(0.99), "max_ms": rank(1.0)}


lag_monitor = LoopLagMonitor()


class ProcessServices:
    """ASGI wrapper that starts the process's services on its first connection."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        global _started
        if not _started and scope["type"] in ("http", "websocket") and settings.START_PROCESS_SERVICES:
            _started = True
            try:
                _install_shutdown_trigger()
                await runs.ensure_process_services(take_waiting_runs=settings.TAKE_WAITING_RUNS)
                # The worker processes start now, in the pool's threads, while the server
                # is idle, not under the first run of the process (processing.pool).
                get_pool()
                if settings.LOOP_LAG_MONITOR:
                    lag_monitor.start()
            except Exception:
                logger.exception("could not start the process services")
        await self.app(scope, receive, send)
