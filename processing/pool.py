"""The worker process pool: every message's CPU work runs here, never on the event loop.

Parsing, cleaning, the rules classifier and building the LLM prompt are CPU work on
untrusted input: one crafted email cost 13-37 s of CPU in html.parser, and on the event
loop that froze every page, cancel and websocket of the process. Here each message is
a job for one of WORKER_PROCESSES processes; the run's coroutine awaits the job's future
as it would `loop.run_in_executor`, so the loop stays free whatever a message costs.

* **CPU limit per message.** Before each job the worker arms ITIMER_PROF with
  MESSAGE_CPU_SECONDS; SIGPROF keeps its default action (terminate), so the kernel ends
  a worker over its limit even inside C code that never returns to the interpreter.
  The job fails with `MessageUnreadable`, a fresh worker replaces the dead one, and the
  run stores the message as "could not be read" for the review queue. The limit counts
  CPU time, not wall time, so a busy machine does not fail ordinary mail.
* **Fair between runs.** Jobs wait in one queue per key (the run id) and workers take
  them round-robin over the keys, so a run with a huge mailbox slows another run a
  little instead of queueing it behind all of its messages.
* **Cancellation never waits.** A cancelled await returns at once; a job not started
  yet is dropped, one in progress is abandoned (its worker finishes it, bounded by the
  CPU limit, and the result is discarded).
* **Nothing blocks the loop.** One thread per worker sends the job (pickling a 25 MB
  message included), waits for the answer and replaces a dead worker; the loop only
  queues a job and awaits a future.

Start method: forkserver. `fork` from daphne would copy a process with live threads
(asgiref's executors, the heartbeat thread, database connections): a lock held by one
of them at the fork stays locked forever in the child, and an inherited database socket
would be shared. `spawn` is safe but starts a new interpreter and re-imports the
classifier modules (~0.5 s of CPU) for every worker, also for each replacement after a
kill. The forkserver is a single-threaded process started once, with the worker module
preloaded (no Django app state, no connections), and forks each worker from that clean
state in a few milliseconds.
"""

from __future__ import annotations

import asyncio
import atexit
import collections
import concurrent.futures
import logging
import multiprocessing
import signal
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from django.conf import settings

logger = logging.getLogger("jobtrail.pool")

T = TypeVar("T")

#: Imported by the forkserver once, so every worker starts with it loaded and warm.
_PRELOAD = ["processing.work"]


class MessageUnreadable(Exception):
    """The job's worker died: over the CPU limit (`over_limit`) or crashed."""

    def __init__(self, reason: str, *, over_limit: bool) -> None:
        super().__init__(reason)
        self.over_limit = over_limit


@dataclass(eq=False)
class _Job:
    future: concurrent.futures.Future[Any]
    func: Callable[..., Any]
    args: tuple[Any, ...]
    cpu_seconds: float
    #: `args` holds the arguments of several calls (`run_each`), each with its own CPU limit.
    each: bool = False

    @property
    def calls(self) -> list[tuple[Any, ...]]:
        return list(self.args) if self.each else [self.args]


class _FairQueue:
    """Jobs per key, served round-robin over the keys that have any."""

    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._by_key: collections.OrderedDict[Hashable, collections.deque[_Job]] = collections.OrderedDict()
        self._closed = False

    def put(self, key: Hashable, job: _Job) -> None:
        with self._ready:
            self._by_key.setdefault(key, collections.deque()).append(job)
            self._ready.notify()

    def get(self) -> _Job | None:
        with self._ready:
            while not self._by_key and not self._closed:
                self._ready.wait()
            if self._closed:
                return None
            key, jobs = next(iter(self._by_key.items()))
            job = jobs.popleft()
            if jobs:
                self._by_key.move_to_end(key)  # the next job comes from another key
            else:
                del self._by_key[key]
            return job

    def close(self) -> list[_Job]:
        with self._ready:
            self._closed = True
            left = [job for jobs in self._by_key.values() for job in jobs]
            self._by_key.clear()
            self._ready.notify_all()
            return left

    def __len__(self) -> int:
        with self._ready:
            return sum(len(jobs) for jobs in self._by_key.values())


class _Worker:
    """One worker process and the pipe to it; used by one dispatcher thread only."""

    def __init__(self, context: Any) -> None:
        self.conn, child = context.Pipe()
        from processing.work import serve

        self.process = context.Process(target=serve, args=(child,), name="jobtrail-worker", daemon=True)
        self.process.start()
        child.close()

    def call(self, job: _Job, calls: list[tuple[Any, ...]]) -> tuple[list[Any], MessageUnreadable | None]:
        """The answers of `calls` in order, up to the first that fails, and its error.

        The worker answers each call as soon as it is done, so a call that kills it
        costs only itself: the answers before it have arrived.
        """
        conn: Connection = self.conn
        conn.send((job.func, calls, job.cpu_seconds))
        # A backstop in wall time for a worker that stops without using CPU (never seen;
        # the CPU limit is what ends a runaway message).
        backstop = job.cpu_seconds * 30 + 60
        answers: list[Any] = []
        for _ in calls:
            if not conn.poll(backstop):
                self.stop()
                return answers, MessageUnreadable(f"no answer within {backstop:.0f} s", over_limit=True)
            try:
                status, value = conn.recv()
            except (EOFError, OSError):
                self.process.join(5)
                code = self.process.exitcode
                if code == -signal.SIGPROF:
                    return answers, MessageUnreadable(f"over the CPU limit of {job.cpu_seconds:g} s", over_limit=True)
                return answers, MessageUnreadable(f"the worker stopped (exit code {code})", over_limit=False)
            if status == "error":
                return answers, MessageUnreadable(f"the worker failed: {value}", over_limit=False)
            answers.append(value)
        return answers, None

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)

    @property
    def alive(self) -> bool:
        return self.process.is_alive()


class WorkerPool:
    def __init__(self, size: int) -> None:
        self.size = size
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        self._context = context
        self._queue = _FairQueue()
        self._lock = threading.Lock()
        #: Jobs running in a worker now, and workers replaced so far (tests, bench/).
        self.busy = 0
        self.replaced = 0
        self._closing = False
        self._threads = [
            threading.Thread(target=self._dispatch, name=f"jobtrail-pool-{index}", daemon=True) for index in range(size)
        ]
        for thread in self._threads:
            thread.start()

    def submit(
        self, key: Hashable, func: Callable[..., T], *args: Any, cpu_seconds: float
    ) -> concurrent.futures.Future[T]:
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._queue.put(key, _Job(future, func, args, cpu_seconds))
        return future

    def submit_each(
        self, key: Hashable, func: Callable[..., T], calls: Sequence[tuple[Any, ...]], *, cpu_seconds: float
    ) -> concurrent.futures.Future[list[T | MessageUnreadable]]:
        """One job of several calls: a result or a MessageUnreadable per call, in order."""
        future: concurrent.futures.Future[list[T | MessageUnreadable]] = concurrent.futures.Future()
        self._queue.put(key, _Job(future, func, tuple(calls), cpu_seconds, each=True))
        return future

    @property
    def queued(self) -> int:
        return len(self._queue)

    def _dispatch(self) -> None:
        # The worker is started here, in this thread: neither the pool's creation nor a
        # replacement after a kill ever costs the event loop anything.
        worker: _Worker | None = None
        try:
            # Started with the pool, not by the first job: starting the forkserver and a
            # worker is a burst of CPU that delayed the first run's messages and, on a
            # busy machine, every request of the process arriving meanwhile.
            worker = _Worker(self._context)
        except Exception:
            logger.exception("could not start a worker process; the first job tries again")
        while (job := self._queue.get()) is not None:
            if not job.future.set_running_or_notify_cancel():
                continue  # its run was cancelled while the job waited
            with self._lock:
                self.busy += 1
            outcomes: list[Any] = []
            calls = job.calls
            try:
                while calls:
                    try:
                        if worker is None or not worker.alive:
                            worker = _Worker(self._context)
                        answers, error = worker.call(job, calls)
                    except Exception as exc:  # a pipe or pickling error: the call fails, the thread goes on
                        if self._closing:
                            return  # the interpreter is exiting and has stopped the workers
                        logger.exception("worker pool job failed")
                        answers = []
                        error = MessageUnreadable(f"the worker failed: {type(exc).__name__}", over_limit=False)
                    else:
                        if error is None:
                            outcomes += answers
                            break
                        if self._closing:
                            return
                        logger.warning("a message could not be read (%s); its worker is replaced", error)
                    outcomes += answers
                    if worker is not None:
                        worker.stop()
                        worker = None
                    with self._lock:
                        self.replaced += 1
                    outcomes.append(error)
                    # The calls after the failed one go to the fresh worker.
                    calls = calls[len(answers) + 1 :]
            finally:
                with self._lock:
                    self.busy -= 1
            if job.each:
                job.future.set_result(outcomes)
            elif isinstance(outcomes[0], MessageUnreadable):
                job.future.set_exception(outcomes[0])
            else:
                job.future.set_result(outcomes[0])
        if worker is not None:
            worker.stop()

    def shutdown(self) -> None:
        """Stop taking jobs (those waiting are cancelled); workers end when their pipe closes."""
        self._closing = True
        for job in self._queue.close():
            job.future.cancel()


_pool: WorkerPool | None = None
_pool_lock = threading.Lock()


def get_pool() -> WorkerPool:
    """This process's pool, created on first use; its workers start at once, in its threads."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = WorkerPool(settings.WORKER_PROCESSES)
            # Runs before multiprocessing's own exit handler (registered earlier) stops
            # the workers, so the dispatchers know the lost pipes are no accident.
            atexit.register(_pool.shutdown)
        return _pool


async def run(key: Hashable, func: Callable[..., T], *args: Any) -> T:
    """Run `func(*args)` in a worker process, fairly among keys; raises MessageUnreadable.

    A cancel of the awaiting task returns at once (the job is dropped or abandoned).
    """
    future = get_pool().submit(key, func, *args, cpu_seconds=settings.MESSAGE_CPU_SECONDS)
    return await asyncio.wrap_future(future)


async def run_each(
    key: Hashable, func: Callable[..., T], calls: Sequence[tuple[Any, ...]]
) -> list[T | MessageUnreadable]:
    """`func(*args)` for each of `calls` as one job: a result or a MessageUnreadable each.

    Each call has its own CPU limit and fails alone, as with `run`; one job instead of
    one per call saves the round trips between the loop, the pool's thread and the
    worker that dominate a message's cost when the work per message is small.
    """
    future = get_pool().submit_each(key, func, calls, cpu_seconds=settings.MESSAGE_CPU_SECONDS)
    return await asyncio.wrap_future(future)
