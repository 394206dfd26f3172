"""Cancelling a run, wherever it works: in this process, in another one, or in none.

In this process the cancel is delivered to the run's task at once and the run records
who cancelled and why with its final status; another process's run gets a durable flag
and a message to its owner; a run whose process died is ended here (compare-and-set).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from processing import events
from processing.db import run_control_db, writing
from processing.models import CancelReason, ProcessingRun, RunStatus
from processing.registry import OWNER_ID, RunHandle, registry
from processing.signals import announce_soon


@dataclass(frozen=True)
class CancelOutcome:
    http_status: int
    message: str
    run: ProcessingRun | None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"message": self.message}
        if self.run is not None:
            data.update(
                run_id=self.run.pk,
                status=self.run.status,
                processed_emails=self.run.processed_emails,
                total_emails=self.run.total_emails,
            )
        return data


def _latest_run(user_id: int | None, run_id: int | None) -> ProcessingRun | None:
    queryset = ProcessingRun.objects.all()
    if run_id is not None:
        queryset = queryset.filter(pk=run_id)
    if user_id is not None:
        queryset = queryset.for_user(user_id)
    started = queryset.active().first()
    return started or queryset.latest_first().first()


def _record_cancel(run_id: int, reason: str, requested_by_id: int | None) -> bool:
    # The first cancel records who and why; later ones change nothing.
    with writing(urgent=True):
        return bool(
            ProcessingRun.objects.filter(pk=run_id, status=RunStatus.STARTED, cancel_requested_at__isnull=True).update(
                cancel_requested_at=timezone.now(), cancel_reason=reason, cancel_requested_by_id=requested_by_id
            )
        )


def _local_handle(user_id: int | None, run_id: int | None) -> RunHandle | None:
    """The run this cancel targets, if this process runs it (no database needed)."""
    if run_id is not None:
        handle = registry.get(run_id)
        if handle is not None and user_id is not None and handle.user_id != user_id:
            return None  # someone else's run: the lookup below answers 404
        return handle
    if user_id is not None:
        return registry.get_for_user(user_id)
    return None


def _is_ended(run_id: int) -> bool:
    return not ProcessingRun.objects.filter(pk=run_id, status=RunStatus.STARTED).exists()


def _owner_of(run_id: int) -> str | None:
    """The owner of a started run (None once it ended)."""
    return ProcessingRun.objects.filter(pk=run_id, status=RunStatus.STARTED).values_list("owner", flat=True).first()


async def _send_cancel(owner: str, run_id: int, reason: str) -> None:
    await events.send_to_group(events.owner_group(owner), {"type": "run.cancel", "run_id": run_id, "reason": reason})


def _cancel_dead_run(run_id: int) -> bool:
    message = "Cancelled after the process running it had stopped responding."
    return bool(ProcessingRun.objects.filter(pk=run_id).end_if_stale(RunStatus.CANCELLED, message))


async def cancel_run(
    *,
    user_id: int | None = None,
    run_id: int | None = None,
    reason: str = CancelReason.USER,
    requested_by_id: int | None = None,
    wait: float = 5.0,
) -> CancelOutcome:
    """Cancel the user's started run (or run `run_id`), wherever it runs.

    Waits up to `wait` seconds for the terminal status so the caller can report
    the final counts.
    """
    local = _local_handle(user_id, run_id)
    if local is not None:
        return await _cancel_local(local, reason, requested_by_id, wait)
    run = await run_control_db(_latest_run, user_id, run_id)
    if run is None:
        return CancelOutcome(404, "No running task found", None)
    if run.status != RunStatus.STARTED:
        return _outcome_for_ended(run)
    handle = registry.get(run.pk)
    if handle is not None and run.owner == OWNER_ID:
        # It started in this process after the lookup above missed it (by user): ours after all.
        return await _cancel_local(handle, reason, requested_by_id, wait)
    if not await run_control_db(_record_cancel, run.pk, reason, requested_by_id) and await run_control_db(
        _is_ended, run.pk
    ):
        pass  # it ended meanwhile; reported below
    elif await run_control_db(_cancel_dead_run, run.pk):
        await events.send_to_group(events.user_group(run.user_id), events.finished_event(run.pk))
        announce_soon(run.pk, run.user_id, RunStatus.CANCELLED)
    else:
        # Read after the flag is recorded: a run with a cancel recorded is never claimed,
        # so this is the process that has it for good.
        owner = await run_control_db(_owner_of, run.pk)
        await _send_cancel(owner or run.owner, run.pk, reason)
    return _outcome_after_cancel(await _wait_for_end(run.pk, wait))


async def _cancel_local(handle: RunHandle, reason: str, requested_by_id: int | None, wait: float) -> CancelOutcome:
    """Cancel a run of this process: deliver at once, then wait for the run to end.

    No database round trip of its own on the way: the run records who cancelled and why
    with its final status (one UPDATE, see _finalize) and leaves the final row on its
    handle. A lookup or a durable flag first would only add turns in the threads, each of
    which can wait behind the process's other work while the run has long stopped.
    """
    deadline = time.monotonic() + wait
    handle.cancel(reason, requested_by_id)  # a second cancel changes nothing and waits the same
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(wait):
            await handle.done.wait()
    final = handle.final
    if handle.done.is_set() and final is not None and final.status != RunStatus.STARTED:
        return _outcome_after_cancel(final)
    # Still storing its last batch (or its final status could not be written), or claimed
    # by another process (processing.sharing) while it waited here: make the request
    # durable, so the run is recorded as cancelled whatever happens to it; a run with a
    # cancel recorded is never claimed, so the owner read next has it for good.
    await run_control_db(_record_cancel, handle.run_id, reason, requested_by_id)
    owner = await run_control_db(_owner_of, handle.run_id)
    if owner not in (None, OWNER_ID):
        await _send_cancel(owner, handle.run_id, reason)
        return _outcome_after_cancel(await _wait_for_end(handle.run_id, max(0.0, deadline - time.monotonic())))
    return _outcome_after_cancel(await run_control_db(_reload, handle.run_id))


def _outcome_after_cancel(run: ProcessingRun) -> CancelOutcome:
    if run.status == RunStatus.STARTED:
        return CancelOutcome(202, "Cancel requested; processing stops at its next checkpoint.", run)
    if run.status == RunStatus.CANCELLED:
        return CancelOutcome(200, "Email fetching cancelled", run)
    return _outcome_for_ended(run)


def _outcome_for_ended(run: ProcessingRun) -> CancelOutcome:
    if run.status == RunStatus.FINISHED:
        return CancelOutcome(409, "Processing had already finished; nothing was cancelled.", run)
    if run.status == RunStatus.CANCELLED and run.finished_at is not None:
        recent = timezone.now() - run.finished_at < timedelta(seconds=settings.RUN_LEASE_SECONDS)
        if recent:
            # A second click on Cancel: harmless, same answer as the first.
            return CancelOutcome(200, "Email fetching cancelled", run)
    return CancelOutcome(404, "No running task found", None)


def _reload(run_id: int) -> ProcessingRun:
    return ProcessingRun.objects.get(pk=run_id)


async def _wait_for_end(run_id: int, wait: float) -> ProcessingRun:
    """Poll until another process's run has ended (or `wait` has passed)."""
    deadline = time.monotonic() + wait
    while True:
        run = await run_control_db(_reload, run_id)
        if run.status != RunStatus.STARTED or time.monotonic() >= deadline:
            return run
        await asyncio.sleep(0.02)


def cancel_run_sync(**kwargs: Any) -> CancelOutcome:
    """For admin actions and commands outside an event loop: deliver through the layer."""
    from asgiref.sync import async_to_sync

    return async_to_sync(cancel_run)(**kwargs)
