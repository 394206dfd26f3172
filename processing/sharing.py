"""Work goes where there is room: a process claims runs that another process offers.

    process A: start_run ─▶ room here, idle? ──yes──▶ works on it at once
                              │ no (busy: hold a moment; full: wait in line)
                              ▼
                 row phase = `waiting` (offered) ──▶ group message `run.offered` ─┐
                              │                                                  ▼
                 A admits it: compare-and-set          process B (room, less busy): claim
                 waiting → listing, owner A            SELECT … FOR UPDATE SKIP LOCKED, then
                              │                        compare-and-set waiting → listing, owner B
                              ▼                                       │
                 whoever changed the row has the run; B tells A `run.taken`, A lets it go

A run is claimable while its row is `started`, in the `waiting` phase and has no cancel
recorded. Its process offers it when the run cannot start at once: it waits in line
(the process is full), or the process is busy and holds it for a moment (`hold_for`) so
that a less busy process can take it. The claimers are woken by the channel layer (every
process listens on the `processing.offers` group; Redis carries it across processes), by
a slot freeing here, and by a slow poll (CLAIM_POLL_SECONDS) when a message was lost.
Multi-process deployments have Redis (config.checks refuses several processes on the
in-memory layer), so PostgreSQL's LISTEN/NOTIFY would only duplicate the wake-up; the
database's row locks and compare-and-set are what make a claim single.

A claimed run keeps every run rule: the claimer becomes its owner (heartbeat, cancel
listener, graceful shutdown), a cancel sent to any process reaches it through its owner
group or the durable flag, and its end is recorded by its owner only (processing.runs).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from processing import events
from processing.admission import slots
from processing.db import run_db
from processing.models import Phase, ProcessingRun, RunStatus, Source
from processing.registry import OWNER_ID

logger = logging.getLogger("jobtrail.sharing")

#: A busy process holds a new run this long per run it already has before starting it
#: itself, at most HOLD_MAX: long enough for a claimer's message round trip and claim.
HOLD_PER_RUN = 0.05
HOLD_MAX = 0.5
#: Runs claimed by one pass at most.
CLAIM_LIMIT = 20


def offered() -> Any:
    """Runs any process with room may claim."""
    return ProcessingRun.objects.active().filter(phase=Phase.WAITING, cancel_requested_at__isnull=True)


def record_offer(run_id: int) -> None:
    ProcessingRun.objects.filter(pk=run_id, status=RunStatus.STARTED, owner=OWNER_ID).update(phase=Phase.WAITING)


def admit_offered(run_id: int) -> bool:
    """This process starts a run it offered; False if another process claimed it first."""
    # The compare-and-set that wins against every claimer: on PostgreSQL it waits for a
    # claimer's row lock, then finds the row changed.
    mine = ProcessingRun.objects.filter(pk=run_id, status=RunStatus.STARTED, owner=OWNER_ID)
    if mine.filter(phase=Phase.WAITING).update(phase=Phase.LISTING, waiting_ahead=None):
        return True
    # Not waiting but still ours: the offer itself was never written (database hiccup).
    return mine.exists()


def claim_offered(limit: int, *, poll: bool, owner: str = OWNER_ID) -> list[tuple[ProcessingRun, str]]:
    """Claim up to `limit` offered runs of other processes; returns them with their previous owner.

    A run waiting in a full process's line (it has a place, `waiting_ahead`) is taken
    whenever there is room here. A run a busy process holds only while taking it evens
    the load: this process would have at least one run fewer than the other afterwards.
    `poll`: also runs held longer than any hold (their process did not get to them).
    `owner`: the claiming process (tests claim as several).
    """
    me = owner
    now = timezone.now()
    taken: list[tuple[int, str]] = []
    with transaction.atomic():
        candidates = offered().exclude(owner=me).order_by("started_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            # Two claimers take different rows instead of queueing on the same ones.
            candidates = candidates.select_for_update(skip_locked=True)
        fields = ("pk", "owner", "waiting_ahead", "started_at", "source", "source_path")
        rows = list(candidates.values_list(*fields)[: limit * 4])
        if not rows:
            return []
        per_owner = ProcessingRun.objects.active().order_by().values("owner").annotate(n=Count("pk"))
        load = Counter({row["owner"]: row["n"] for row in per_owner})
        stale_offer = now - timedelta(seconds=HOLD_MAX * 4)
        for pk, previous, ahead, started_at, source, source_path in rows:
            if len(taken) >= limit:
                break
            if source == Source.MBOX and not Path(source_path).exists():
                continue  # an upload kept on another machine's disk: only its own host can read it
            in_line = ahead is not None or (poll and started_at < stale_offer)
            if not in_line and load[me] + 2 > load[previous]:
                continue
            claimed = (
                offered()
                .filter(pk=pk, owner=previous)
                .update(owner=me, phase=Phase.LISTING, waiting_ahead=None, heartbeat_at=now)
            )
            if claimed:
                taken.append((pk, previous))
                load[me] += 1
                load[previous] -= 1
    by_pk = ProcessingRun.objects.in_bulk([pk for pk, _ in taken])
    return [(by_pk[pk], owner) for pk, owner in taken]


async def announce(run_id: int) -> None:
    """Wake the claimers of every process: a run is offered."""
    await events.send_to_group(events.offers_group(), {"type": "run.offered", "run_id": run_id, "owner": OWNER_ID})


def hold_for() -> float:
    """How long a new run of this process is offered before it starts here (0: at once)."""
    if not (claimer.running and claimer.shared):
        return 0.0
    return min(HOLD_PER_RUN * slots.load, HOLD_MAX)


class Claimer:
    """This process's side of sharing: claims offered runs when it has room."""

    def __init__(self) -> None:
        self.running = False
        #: Other processes can hear this one (the channel layer is not in-memory).
        self.shared = False
        self.claimed = 0
        self._wake: asyncio.Event | None = None
        self._poll = False
        self._task: asyncio.Task[None] | None = None
        self._adopt: Callable[[ProcessingRun], object] = lambda run: None

    def start(self, *, shared: bool, adopt: Callable[[ProcessingRun], object]) -> asyncio.Task[None]:
        """`adopt` (processing.runs.adopt, handed in: this module imports nothing of runs)
        starts a claimed run here; it returns None if it could not."""
        self._adopt = adopt
        self._wake = asyncio.Event()
        self.shared = shared
        self.running = True
        slots.on_room = self.nudge
        self._task = asyncio.create_task(self._loop(), name="jobtrail-claimer")
        return self._task

    def stop(self) -> None:
        self.running = False
        slots.on_room = None
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def nudge(self, *, poll: bool = True) -> None:
        """A run was offered (poll=False), or a slot freed here (poll=True): claim soon."""
        if self._wake is not None:
            self._poll = self._poll or poll
            self._wake.set()

    def heard(self, message: dict[str, Any]) -> None:
        if message.get("owner") != OWNER_ID:
            self.nudge(poll=False)

    async def _loop(self) -> None:
        assert self._wake is not None
        while True:
            timed_out = False
            try:
                async with asyncio.timeout(settings.CLAIM_POLL_SECONDS):
                    await self._wake.wait()
            except TimeoutError:
                timed_out = True
            poll, self._poll = self._poll or timed_out, False
            self._wake.clear()
            try:
                if not await self.claim(poll=poll) and not poll and slots.room():
                    # SKIP LOCKED passes over a row that another transaction (a heartbeat,
                    # the offer itself) holds at that instant: look once more, shortly.
                    await asyncio.sleep(0.2)
                    await self.claim(poll=False)
            except OperationalError:
                logger.warning("claimer: database unavailable")
            except Exception:
                logger.exception("claimer failed")
                await asyncio.sleep(1.0)

    async def claim(self, *, poll: bool = True) -> list[int]:
        """One pass: claim what this process has room for; returns the runs it took."""
        count = slots.reserve(CLAIM_LIMIT)
        if not count:
            return []
        try:
            claimed = await run_db(claim_offered, count, poll=poll)
        except BaseException:
            slots.unreserve(count)
            raise
        slots.unreserve(count - len(claimed))
        taken = []
        for run, _previous in claimed:
            if self._adopt(run) is not None:
                taken.append(run.pk)
                self.claimed += 1
        for run, previous in claimed:
            await events.send_to_group(events.owner_group(previous), {"type": "run.taken", "run_id": run.pk})
            await events.send_to_group(events.user_group(run.user_id), events.progress_event(run.pk))
        return taken


claimer = Claimer()


async def stop() -> None:
    task = claimer._task
    claimer.stop()
    if task is not None:
        with contextlib.suppress(asyncio.CancelledError):
            await task
