"""Admission and sharing: which runs of this process work, and how they share the LLM.

**Working runs.** Up to RUNS_PER_PROCESS runs of this process work at once (the default
is sized from the LLM concurrency and the CPU count, see config/settings.py). They share
the worker pool (processing.pool serves their CPU jobs round-robin by run) and the
process's LLM_CONCURRENCY requests (`llm_turns` below, round-robin by run), so a huge
mailbox slows the others a little and never blocks them. A run started beyond the limit
stays `started` but waits, first come first served, in this process's line; it does no
work, keeps its heartbeat (the process's heartbeat thread beats for it), and a cancel or
shutdown ends it at once because the wait is an ordinary await.

**Offered runs.** A run that waits (in the line, or briefly before it starts in a busy
process, see `hold_for`) is recorded in the `waiting` phase: that makes it claimable by
any process with room (processing.sharing). Whoever moves the row out of `waiting`
first, with a compare-and-set, has it: this process through `admit`, another by
claiming it. A run taken elsewhere leaves this process's line (`withdraw`) and its
waiting coroutine ends with `Transferred`, recording nothing.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from dataclasses import dataclass, field

from django.conf import settings

#: Awaited with the number of runs ahead when a run starts waiting in line and each time
#: that number changes; with None once the run is admitted after waiting.
Report = Callable[[int | None], Awaitable[None]]
#: Awaited once when a run becomes claimable by other processes (recorded as `waiting`).
Offer = Callable[[], Awaitable[None]]
#: Awaited when this process admits a run it offered: True if it still had it (a
#: compare-and-set on the `waiting` phase), False if another process claimed it.
Admit = Callable[[], Awaitable[bool]]


class Transferred(Exception):
    """Another process claimed the run while it waited here: this process lets it go."""


@dataclass(eq=False)
class _Waiter:
    run_id: int
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    admitted: bool = False
    taken: bool = False


async def _nothing() -> None:
    return None


def _no_checkpoint() -> None:
    pass


async def _kept() -> bool:
    return True


class Slots:
    def __init__(self) -> None:
        self._active: set[int] = set()
        self._waiting: list[_Waiter] = []
        #: Runs offered to other processes for a moment before they start here.
        self._holding: dict[int, _Waiter] = {}
        #: Slots set aside by a claim in progress (processing.sharing).
        self._reserved = 0
        #: Called when a slot frees and no run of this process waits for it (processing.sharing).
        self.on_room: Callable[[], None] | None = None

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

    @property
    def load(self) -> int:
        """Runs working here, and those about to (reserved by a claim, or held before starting)."""
        return len(self._active) + self._reserved + len(self._holding)

    def room(self) -> int:
        """How many more runs could start working here now (0 while runs of this process wait in line)."""
        if self._waiting:
            return 0
        return max(0, self.limit - self.load)

    # --- runs started in this process ---------------------------------------------------------

    @contextlib.asynccontextmanager
    async def slot(
        self,
        run_id: int,
        report: Report,
        *,
        hold: float = 0.0,
        offer: Offer = _nothing,
        admit: Admit = _kept,
        checkpoint: Callable[[], None] = _no_checkpoint,
    ) -> AsyncIterator[None]:
        """Hold one of this process's slots for the body; wait for it first.

        With `hold` > 0 and room here, the run is first offered for `hold` seconds, so a
        less busy process can take it; without room it waits in line, offered. Raises
        Transferred when another process took it meanwhile.
        """
        await self._acquire(run_id, report, hold, offer, admit, checkpoint)
        try:
            yield
        finally:
            self._release(run_id)

    @contextlib.asynccontextmanager
    async def kept(self, run_id: int) -> AsyncIterator[None]:
        """The body of a run whose slot was taken with `take_reserved`; gives it back at the end."""
        try:
            yield
        finally:
            self._release(run_id)

    async def _acquire(
        self, run_id: int, report: Report, hold: float, offer: Offer, admit: Admit, checkpoint: Callable[[], None]
    ) -> None:
        # `checkpoint` raises if a cancel was delivered: on Python 3.11 a cancel that lands
        # just as an awaited send or query completes can be swallowed on the way (the
        # asyncio.wait_for race in the Redis client), and the run would then wait in line
        # with its cancel lost; so it is checked after each await here.
        offered = False
        if hold > 0 and self.room() > 0:
            offered = True
            waiter = _Waiter(run_id)
            self._holding[run_id] = waiter
            leaving = True
            try:
                await offer()
                checkpoint()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(hold):
                        await waiter.wake.wait()
                checkpoint()
                leaving = waiter.taken
            finally:
                del self._holding[run_id]
                if leaving:
                    # Taken by another process or cancelled: the slot it held goes to the
                    # line (without this, runs waited behind slots nobody used).
                    self._release(run_id)
            if waiter.taken:
                raise Transferred()
        if not self._waiting and len(self._active) + self._reserved + len(self._holding) < self.limit:
            self._active.add(run_id)
            if offered and not await self._admit_or_release(run_id, admit):
                raise Transferred()
            try:
                checkpoint()
            except BaseException:
                self._release(run_id)
                raise
            return
        waiter = _Waiter(run_id)
        self._waiting.append(waiter)
        try:
            reported: int | None = None
            while not waiter.admitted:
                if waiter.taken:
                    raise Transferred()
                ahead = self._waiting.index(waiter)
                if ahead != reported:
                    reported = ahead
                    await report(ahead)
                    checkpoint()
                    if not offered:
                        offered = True
                        await offer()
                        checkpoint()
                    continue  # the line may have moved while the report was written
                waiter.wake.clear()
                await waiter.wake.wait()
                checkpoint()
        except BaseException:
            # Cancelled (or the report failed) while waiting, or just after being
            # admitted: give the place or the slot to the next run, then re-raise.
            if waiter.admitted:
                self._release(run_id)
            elif waiter in self._waiting:
                self._waiting.remove(waiter)
                self._moved()
            raise
        if not await self._admit_or_release(run_id, admit):
            raise Transferred()
        try:
            await report(None)
            checkpoint()
        except BaseException:
            # Cancelled while saying it was admitted: the slot is this run's already, and
            # the caller's release only covers a body that started.
            self._release(run_id)
            raise

    async def _admit_or_release(self, run_id: int, admit: Admit) -> bool:
        try:
            kept = await admit()
        except BaseException:
            self._release(run_id)
            raise
        if not kept:
            self._release(run_id)
        return kept

    def withdraw(self, run_id: int) -> bool:
        """Another process claimed `run_id`: take it out of the line (or its hold). True if it was here."""
        for waiter in self._waiting:
            if waiter.run_id == run_id and not waiter.admitted:
                waiter.taken = True
                self._waiting.remove(waiter)
                waiter.wake.set()
                self._moved()
                self._fill()
                return True
        held = self._holding.get(run_id)
        if held is not None:
            held.taken = True
            held.wake.set()
            return True
        return False

    # --- claims of runs offered by other processes ---------------------------------------------

    def reserve(self, wanted: int) -> int:
        """Set aside up to `wanted` free slots for a claim; returns how many (give back with `unreserve`)."""
        count = min(wanted, self.room())
        self._reserved += count
        return count

    def unreserve(self, count: int) -> None:
        self._reserved -= count
        self._fill()

    def take_reserved(self, run_id: int) -> None:
        """A claimed run starts: one reserved slot becomes its slot."""
        self._reserved -= 1
        self._active.add(run_id)

    def release(self, run_id: int) -> None:
        """Give back `run_id`'s slot if it still has one (safe to call twice)."""
        if run_id in self._active:
            self._release(run_id)

    # --- the line -------------------------------------------------------------------------------

    def _release(self, run_id: int) -> None:
        self._active.discard(run_id)
        self._fill()
        if self.on_room is not None and self.room() > 0:
            self.on_room()

    def _fill(self) -> None:
        admitted = False
        while self._waiting and self.load < self.limit:
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


class FairTurns:
    """At most `capacity()` holders at once, granted round-robin over keys (runs).

    A semaphore would serve waiters first come first served: a run with eight classify
    workers queued would take eight turns before a newly started run got its first.
    Here each key's waiters form a queue and a freed turn goes to the next key in
    rotation, so every working run gets its turn within one round.
    """

    def __init__(self, capacity: Callable[[], int]) -> None:
        self._capacity = capacity
        self.in_use = 0
        self._queues: collections.OrderedDict[Hashable, collections.deque[asyncio.Future[None]]] = (
            collections.OrderedDict()
        )

    @property
    def waiting(self) -> int:
        return sum(len(queue) for queue in self._queues.values())

    @contextlib.asynccontextmanager
    async def turn(self, key: Hashable) -> AsyncIterator[None]:
        await self._acquire(key)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, key: Hashable) -> None:
        if not self._queues and self.in_use < self._capacity():
            self.in_use += 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queues.setdefault(key, collections.deque()).append(future)
        try:
            await future
        except BaseException:
            if future.done() and not future.cancelled():
                self._release()  # granted, then cancelled before it could be used
            else:
                queue = self._queues.get(key)
                if queue is not None and future in queue:
                    queue.remove(future)
                    if not queue:
                        del self._queues[key]
            raise

    def _release(self) -> None:
        self.in_use -= 1
        self._grant()

    def _grant(self) -> None:
        while self._queues and self.in_use < self._capacity():
            key, queue = next(iter(self._queues.items()))
            future = queue.popleft()
            if queue:
                self._queues.move_to_end(key)  # the next turn goes to another run
            else:
                del self._queues[key]
            if future.done():
                continue  # cancelled while it waited
            future.set_result(None)
            self.in_use += 1


#: The process's LLM requests: LLM_CONCURRENCY at once, shared round-robin by the working runs.
llm_turns = FairTurns(lambda: int(settings.LLM_CONCURRENCY))
