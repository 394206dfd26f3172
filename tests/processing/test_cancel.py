"""A cancel of a run in this process does not queue behind the process's other work.

The shared executor behind run_db (and asyncio.to_thread) carries the bulk work of every
run of the process: batch writes, source reads, page renders. Here every one of its
threads is held by a job that waits for an event, as the process's busiest moments hold
them, and the cancel must still be answered, with the final status recorded. Ordering,
not speed: the held jobs are still waiting when the answer comes; the timeouts only turn
a hang into a failure.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from accounts.models import User
from dashboard.models import Email
from processing import runs
from processing.models import CancelReason, ProcessingRun, RunStatus, Source
from processing.registry import registry
from tests.factories import write_mailbox
from tests.waiting import eventually, run_ended

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("process_services", "fast_runs")]

SHARED_THREADS = 2


class HeldExecutor:
    """The loop's shared executor with every thread held until `release()`."""

    def __init__(self) -> None:
        self.release_event = threading.Event()
        self.running = 0
        self._lock = threading.Lock()
        self.jobs: list[asyncio.Future[None]] = []

    def _hold(self) -> None:
        with self._lock:
            self.running += 1
        self.release_event.wait(60)

    def hold_all(self) -> None:
        loop = asyncio.get_running_loop()
        self.jobs = [loop.run_in_executor(None, self._hold) for _ in range(SHARED_THREADS)]

    async def release(self) -> None:
        self.release_event.set()
        await asyncio.gather(*self.jobs)


@pytest.fixture
async def held() -> AsyncIterator[HeldExecutor]:
    # A known, small shared executor, so that the test can hold every thread of it.
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=SHARED_THREADS))
    executor = HeldExecutor()
    yield executor
    await executor.release()


async def test_it_answers_a_cancel_while_every_shared_thread_is_busy(
    alice: User, tmp_path: Path, held: HeldExecutor
) -> None:
    write_mailbox(tmp_path / "box", 50)
    run = await runs.start_run(alice.pk, source=Source.MBOX, source_path=str(tmp_path / "box"), classifier="rules")
    # Held before the run's task takes its first step: its first database call waits for
    # a shared thread, like a run whose process is busy with other runs' writes.
    held.hold_all()
    await eventually(lambda: held.running == SHARED_THREADS, what="every shared thread held")

    async with asyncio.timeout(30):
        outcome = await runs.cancel_run(user_id=alice.pk, requested_by_id=alice.pk)

    assert not any(job.done() for job in held.jobs)  # answered while they still held the threads
    assert outcome.http_status == 200
    assert outcome.run is not None
    assert outcome.run.status == RunStatus.CANCELLED
    stored = await ProcessingRun.objects.aget(pk=run.pk)
    assert stored.status == RunStatus.CANCELLED
    assert stored.cancel_reason == CancelReason.USER
    assert stored.cancel_requested_by_id == alice.pk
    assert len(registry) == 0


async def test_it_answers_a_cancel_mid_run_while_every_shared_thread_is_busy(
    alice: User, tmp_path: Path, settings: object, held: HeldExecutor
) -> None:
    settings.LLM_CONCURRENCY = 1  # type: ignore[attr-defined]
    settings.STORE_BATCH_SIZE = 5  # type: ignore[attr-defined]
    write_mailbox(tmp_path / "box", 600)
    run = await runs.start_run(alice.pk, source=Source.MBOX, source_path=str(tmp_path / "box"), classifier="rules")
    while (await ProcessingRun.objects.aget(pk=run.pk)).processed_emails < 20:
        await asyncio.sleep(0.01)
    # Mid-run: the run's next reads wait for a shared thread; its batch writes (the last of
    # which a cancel waits for) have a thread of the run's own.
    held.hold_all()
    await eventually(lambda: held.running == SHARED_THREADS, what="every shared thread held")

    async with asyncio.timeout(30):
        outcome = await runs.cancel_run(user_id=alice.pk, requested_by_id=alice.pk)

    assert not any(job.done() for job in held.jobs)
    stored = await Email.objects.filter(user=alice).acount()
    final = await ProcessingRun.objects.aget(pk=run.pk)
    assert outcome.http_status == 200
    assert outcome.run is not None
    # Every classified email kept and counted, and the answer says what the database holds.
    assert outcome.run.processed_emails == final.processed_emails == stored
    assert 20 <= stored < 600
    assert final.status == RunStatus.CANCELLED
    assert final.cancel_requested_by_id == alice.pk


async def test_it_records_the_cancel_durably_when_the_run_is_still_stopping_after_the_wait(
    alice: User, tmp_path: Path, settings: object
) -> None:
    settings.STORE_BATCH_SIZE = 5  # type: ignore[attr-defined]
    write_mailbox(tmp_path / "box", 600)
    run = await runs.start_run(alice.pk, source=Source.MBOX, source_path=str(tmp_path / "box"), classifier="rules")
    while (await ProcessingRun.objects.aget(pk=run.pk)).processed_emails < 20:
        await asyncio.sleep(0.01)

    outcome = await runs.cancel_run(user_id=alice.pk, requested_by_id=alice.pk, wait=0)

    # No time to stop: the request is written down (unless the run's own final status beat
    # it there), and the answer says which.
    assert outcome.run is not None
    if outcome.http_status == 202:
        assert outcome.run.status == RunStatus.STARTED
        assert outcome.run.cancel_requested_at is not None
    else:
        assert (outcome.http_status, outcome.run.status) == (200, RunStatus.CANCELLED)
    final = await run_ended(run.pk)
    assert final.status == RunStatus.CANCELLED
    assert (final.cancel_reason, final.cancel_requested_by_id) == (CancelReason.USER, alice.pk)
