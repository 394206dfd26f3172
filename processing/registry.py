"""The per-process registry of running tasks.

Each process (a daphne server, a `process_mail` command) has one registry. It
holds a strong reference to every run task — asyncio keeps only weak references,
so an unreferenced task can be garbage-collected mid-run — and is how a cancel
reaches the task in the owning process. Across processes the database constraint
(one started run per user) is the arbiter; see processing/runs.py.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from processing.models import CancelReason, ProcessingRun

#: Identifies this process as the owner of the runs it executes.
PROCESS_TOKEN = uuid.uuid4().hex[:16]
OWNER_ID = f"{socket.gethostname()[:100]}:{os.getpid()}:{PROCESS_TOKEN}"


class AlreadyRunning(Exception):
    """The user already has a started run (in this process or another)."""


def owner_token(owner: str) -> str:
    return owner.rsplit(":", 1)[-1]


@dataclass(eq=False)
class RunHandle:
    run_id: int
    user_id: int
    task: asyncio.Task[None] | None = None
    #: Why the run is stopping, chosen by the first cancel that reaches it.
    cancel_reason: str = ""
    cancel_requested_by_id: int | None = None
    #: Set by every delivery path; threads (Gmail fetches, back-off sleeps)
    #: check it because task.cancel() cannot interrupt a thread.
    cancel_event: threading.Event = field(default_factory=threading.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    #: The run's row as its final status left it, read by the run itself right after
    #: writing that status (None if it could not be written): an in-process cancel
    #: answers from it without a database round trip of its own.
    final: ProcessingRun | None = None
    #: When the cancel was delivered (time.monotonic()), for the log of how long stopping took.
    cancelled_at: float | None = None
    #: What a stopping run had classified but not stored yet, as (provider, results): stored
    #: with the run's final status, in one write (runs.finalize).
    unstored: tuple[str, list[Any]] | None = None

    @property
    def cancel_requested(self) -> bool:
        return self.cancel_event.is_set()

    def cancel(self, reason: str = CancelReason.USER, requested_by_id: int | None = None) -> bool:
        """Deliver a cancel to the task. Returns False if one was already delivered."""
        if self.cancel_event.is_set():
            return False
        self.cancel_reason = reason
        self.cancel_requested_by_id = requested_by_id
        self.cancelled_at = time.monotonic()
        self.cancel_event.set()
        if self.task is not None and not self.task.done():
            self.task.cancel()
        return True

    def checkpoint(self) -> None:
        """Raise CancelledError if a cancel was delivered (for code that has not awaited since)."""
        if self.cancel_event.is_set():
            raise asyncio.CancelledError()


class Registry:
    def __init__(self) -> None:
        self._by_user: dict[int, RunHandle] = {}
        self._by_run: dict[int, RunHandle] = {}
        # The heartbeat thread reads the run ids while the loop adds and removes runs.
        self._lock = threading.Lock()

    def get_for_user(self, user_id: int) -> RunHandle | None:
        return self._by_user.get(user_id)

    def get(self, run_id: int) -> RunHandle | None:
        return self._by_run.get(run_id)

    def add(self, handle: RunHandle) -> None:
        existing = self._by_user.get(handle.user_id)
        if existing is not None and existing is not handle:
            raise RuntimeError(f"user {handle.user_id} already has run {existing.run_id} in this process")
        with self._lock:
            self._by_user[handle.user_id] = handle
            self._by_run[handle.run_id] = handle

    def remove(self, handle: RunHandle) -> None:
        with self._lock:
            if self._by_user.get(handle.user_id) is handle:
                del self._by_user[handle.user_id]
            if self._by_run.get(handle.run_id) is handle:
                del self._by_run[handle.run_id]

    def run_ids(self) -> list[int]:
        """The runs of this process; safe to call from any thread."""
        with self._lock:
            return list(self._by_run)

    def handles(self) -> list[RunHandle]:
        return list(self._by_run.values())

    def __len__(self) -> int:
        return len(self._by_run)


registry = Registry()
