"""Admission: at most RUNS_PER_PROCESS runs of this process work at once.

Parsing and classifying run in the worker process pool (processing.pool), but a working
run still costs its process CPU in threads and on the loop (the Gmail client decoding
batches, the writer's ORM and grouping, the LLM client), all sharing one interpreter
lock with the event loop; with twenty runs working at once, when classification still
ran on the loop, every page and cancel waited behind them (docs/PERFORMANCE.md). So a
run started beyond the limit stays `started` but waits, first come first served, for a
slot; it does no work, keeps its heartbeat (the process's heartbeat thread beats for
it), and a cancel or shutdown ends it at once because the wait is an ordinary await.

The slots are per process (like the registry): several daphne processes each
admit their own RUNS_PER_PROCESS runs.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from django.conf import settings

#: Awaited with the number of runs ahead when a run starts waiting and each time
#: that number changes; with None once the run is admitted after waiting.
Report = Callable[[int | None], Awaitable[None]]


@dataclass(eq=False)
class _Waiter:
    run_id: int
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    admitted: bool = False


class Slots:
    def __init__(self) -> None:
        self._active: set[int] = set()
        self._waiting: list[_Waiter] = []

    @property
    def limit(self) -> int:
        return int(settings.RUNS_PER_PROCESS)

    @property
    def active(self) -> int:
        return len(self._active)

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def waiting_ids(self) -> list[int]:
        return [waiter.run_id for waiter in self._waiting]

    @contextlib.asynccontextmanager
    async def slot(self, run_id: int, report: Report) -> AsyncIterator[None]:
        """Hold one of this process's slots for the body; wait in line for it first."""
        await self._acquire(run_id, report)
        try:
            yield
        finally:
            self._release(run_id)

    async def _acquire(self, run_id: int, report: Report) -> None:
        if not self._waiting and len(self._active) < self.limit:
            self._active.add(run_id)
            return
        waiter = _Waiter(run_id)
        self._waiting.append(waiter)
        try:
            reported: int | None = None
            while not waiter.admitted:
                ahead = self._waiting.index(waiter)
                if ahead != reported:
                    reported = ahead
                    await report(ahead)
                    continue  # the line may have moved while the report was written
                waiter.wake.clear()
                await waiter.wake.wait()
            await report(None)
        except BaseException:
            # Cancelled (or the report failed) while waiting, or just after being
            # admitted: give the place or the slot to the next run, then re-raise.
            if waiter.admitted:
                self._release(run_id)
            else:
                self._waiting.remove(waiter)
                self._moved()
            raise

    def _release(self, run_id: int) -> None:
        self._active.discard(run_id)
        admitted = False
        while self._waiting and len(self._active) < self.limit:
            waiter = self._waiting.pop(0)
            waiter.admitted = True
            self._active.add(waiter.run_id)
            waiter.wake.set()
            admitted = True
        if admitted:
            self._moved()

    def _moved(self) -> None:
        """Tell every waiting run that the number ahead of it may have changed."""
        for waiter in self._waiting:
            waiter.wake.set()


slots = Slots()
