"""Running ORM work from the event loop without blocking it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.db import close_old_connections, connection, connections

P = ParamSpec("P")
R = TypeVar("R")


def _with_fresh_connection(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    # Worker threads outlive requests, so Django's request signals never recycle
    # their connections: drop broken or expired ones before each unit of work.
    close_old_connections()
    return func(*args, **kwargs)


#: Threads of their own for control operations: a cancel's lookups, the durable cancel flag, a
#: run's final status. The shared executor behind run_db (and asyncio.to_thread) can be full
#: of the process's bulk work — batch writes, source reads, page renders of several runs —
#: and a cancel or a final status must not queue behind it. Few threads: every operation
#: here is one short query; each thread keeps its own database connection.
CONTROL_THREADS = 4
_control = ThreadPoolExecutor(max_workers=CONTROL_THREADS, thread_name_prefix="jobtrail-control")


async def run_db(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run `func` in a worker thread (not the single thread-sensitive one).

    Runs of different users write concurrently; funnelling all of them through
    asgiref's one thread-sensitive executor would serialise every run and every
    page load behind each other.
    """
    return await sync_to_async(_with_fresh_connection, thread_sensitive=False)(func, *args, **kwargs)


async def run_db_in(executor: ThreadPoolExecutor, func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`run_db` on threads of the caller's own (a run's writer, see processing.pipeline)."""
    return await sync_to_async(_with_fresh_connection, thread_sensitive=False, executor=executor)(func, *args, **kwargs)


async def run_control_db(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`run_db` for control operations (see CONTROL_THREADS): never waits for a thread of the
    shared executor. Not for anything that can take long: a batch write here would hold up
    every cancel of the process."""
    return await sync_to_async(_with_fresh_connection, thread_sensitive=False, executor=_control)(func, *args, **kwargs)


def close_thread_connections() -> None:
    """Close this thread's database connections (run it last on a thread that is going away)."""
    connections.close_all()


class WriteGate:
    """This process's writers to SQLite, one at a time, urgent ones first.

    SQLite lets one connection write at a time. A connection that finds the lock taken
    sleeps in SQLite's busy handler in growing steps (up to 100 ms each) while writers
    arriving meanwhile take the lock before it wakes: with many runs storing batches, a
    run's final status could wait hundreds of milliseconds for its turn. Queued here
    instead, a writer is woken as soon as the one before it is done, and urgent writes
    (a final status, a cancel flag, a cancelled run's last batch) go before the batches
    waiting, so they wait for at most the write in progress. Other processes still meet
    SQLite's own lock. Re-entrant per thread (a gated write may call another).

    PostgreSQL locks rows, not the database: writers there run side by side, but while an
    urgent write is in progress a batch write waits before it starts (at most
    `URGENT_HOLD_SECONDS`). With twenty runs storing batches on a busy machine, a cancelled
    run's final write (its last batch and its status, about ten round trips) otherwise
    shared the database's and this process's CPU with every run's batches and took 15-60
    ms; the batches only start a few milliseconds later.
    """

    #: The longest a batch write on PostgreSQL waits for urgent writes before it starts anyway.
    URGENT_HOLD_SECONDS = 0.25

    def __init__(self, vendor: str | None = None) -> None:
        #: The database's vendor, or None for the default connection's (read when writing).
        self._vendor = vendor
        self._condition = threading.Condition()
        self._owner: int | None = None
        self._depth = 0
        self._urgent_waiting = 0
        self._urgent_running = 0
        self._inside = threading.local()

    @contextmanager
    def writing(self, *, urgent: bool = False) -> Iterator[None]:
        if (self._vendor or connection.vendor) != "sqlite":
            with self._urgent_first(urgent):
                yield
            return
        me = threading.get_ident()
        with self._condition:
            if self._owner != me:
                self._urgent_waiting += urgent
                try:
                    while self._owner is not None or (not urgent and self._urgent_waiting):
                        self._condition.wait()
                finally:
                    self._urgent_waiting -= urgent
                self._owner = me
            self._depth += 1
        try:
            yield
        finally:
            with self._condition:
                self._depth -= 1
                if not self._depth:
                    self._owner = None
                    self._condition.notify_all()

    @contextmanager
    def _urgent_first(self, urgent: bool) -> Iterator[None]:
        """PostgreSQL: writes run side by side; a batch waits for the urgent writes in progress."""
        depth = getattr(self._inside, "depth", 0)
        if not depth:  # a write inside this thread's own gated write never waits for it
            with self._condition:
                if urgent:
                    self._urgent_running += 1
                else:
                    self._condition.wait_for(lambda: not self._urgent_running, timeout=self.URGENT_HOLD_SECONDS)
        self._inside.depth = depth + 1
        try:
            yield
        finally:
            self._inside.depth = depth
            if not depth and urgent:
                with self._condition:
                    self._urgent_running -= 1
                    if not self._urgent_running:
                        self._condition.notify_all()


write_gate = WriteGate()
writing = write_gate.writing
