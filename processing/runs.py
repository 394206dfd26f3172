"""The run lifecycle: start, cancel, finalise, sweep. See docs/ARCHITECTURE.md.

Every state transition is a compare-and-set on `status='started'`, so whichever
of two racing writers (the run finishing, a cancel, the sweeper) comes first
wins, and the loser sees zero rows changed and does nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from processing import events, sharing, store
from processing.admission import Admit, Offer, Report, Transferred, slots
from processing.aio import finish_then_reraise
from processing.cancel import CancelOutcome as CancelOutcome
from processing.cancel import cancel_run as cancel_run
from processing.cancel import cancel_run_sync as cancel_run_sync
from processing.db import run_control_db, run_db, writing
from processing.heartbeat import heartbeat
from processing.models import CancelReason, Phase, ProcessingRun, RunStatus, Source
from processing.registry import OWNER_ID, AlreadyRunning, RunHandle, registry
from processing.signals import announce_run_ended, announce_soon
from processing.signals import announcements_sent as announcements_sent
from processing.sync import sync_periodically

logger = logging.getLogger("jobtrail.runs")

#: Cancel reasons that end a run as `cancelled`; any other stop is `interrupted`.
CANCELLING_REASONS = frozenset({CancelReason.USER, CancelReason.ADMIN, CancelReason.COMMAND})


# --- starting ------------------------------------------------------------------


def _interrupt_if_stale(user_id: int) -> int:
    return ProcessingRun.objects.for_user(user_id).end_if_stale(
        RunStatus.INTERRUPTED, "The process running it stopped responding."
    )


def _create_run(
    user_id: int,
    source: str,
    start_date: date | None,
    end_date: date | None,
    source_path: str,
    classifier: str,
) -> ProcessingRun:
    previous = (
        ProcessingRun.objects.for_user(user_id)
        .filter(status__in=[RunStatus.CANCELLED, RunStatus.INTERRUPTED, RunStatus.FAILED])
        .latest_first()
        .first()
    )
    fields = {
        "user_id": user_id,
        "status": RunStatus.STARTED,
        "source": source,
        "source_path": source_path,
        "start_date": start_date,
        "end_date": end_date,
        "owner": OWNER_ID,
        "classifier": classifier,
        "heartbeat_at": timezone.now(),
        "started_at": timezone.now(),
        "resumed_from": previous,
    }
    try:
        return ProcessingRun.objects.create(**fields)
    except IntegrityError:
        # Another started run exists. If its owner is dead, retire it and retry
        # once — also when the sweeper retired it a moment ago, so our own
        # compare-and-set found nothing left to change.
        _interrupt_if_stale(user_id)
        try:
            return ProcessingRun.objects.create(**fields)
        except IntegrityError:
            raise AlreadyRunning() from None


async def start_run(
    user_id: int,
    *,
    source: str = Source.DEMO,
    start_date: date | None = None,
    end_date: date | None = None,
    source_path: str = "",
    classifier: str | None = None,
) -> ProcessingRun:
    """Record a started run and launch its task on the running event loop.

    Raises AlreadyRunning when the user has a run in this process (checked first,
    cheaply) or in any process (the database's partial unique index decides).
    """
    from processing import pipeline  # on first use: it loads the classifiers and the LLM client

    if registry.get_for_user(user_id) is not None:
        raise AlreadyRunning()
    await ensure_process_services()
    classifier_name = classifier or settings.CLASSIFIER
    run = await run_db(_create_run, user_id, source, start_date, end_date, source_path, classifier_name)
    if registry.get_for_user(user_id) is not None:
        # Lost a race inside this process between the check and the insert; the
        # insert cannot have succeeded then, but be explicit about it.
        raise AlreadyRunning()
    handle = RunHandle(run_id=run.pk, user_id=user_id)
    registry.add(handle)
    heartbeat.ensure_running()
    handle.task = asyncio.create_task(_run_main(handle, run, pipeline), name=f"run-{run.pk}")
    logger.info("run %s started for user %s (source=%s)", run.pk, user_id, source)
    return run


async def _run_main(handle: RunHandle, run: ProcessingRun, pipeline: Any, *, claimed: bool = False) -> None:
    # The watcher starts first: a run waiting for a slot keeps its heartbeat (the
    # sweeper must not retire it) and still sees a durable cancel flag.
    watcher = asyncio.create_task(_watch(handle), name=f"run-{run.pk}-watch")
    try:
        if claimed:
            # Claimed from another process (processing.sharing): its slot is taken already.
            slot = slots.kept(run.pk)
        else:
            slot = slots.slot(
                run.pk,
                _reporter(run),
                hold=sharing.hold_for(),
                offer=_offerer(run),
                admit=_admitter(run),
                checkpoint=handle.checkpoint,
            )
        async with slot:
            outcome = await pipeline.execute(handle, run)
    except Transferred:
        # Another process claimed it while it waited here: that process runs it and
        # records its end; this one lets it go without writing anything.
        logger.info("run %s of user %s moved to another process", run.pk, run.user_id)
    except asyncio.CancelledError:
        status = RunStatus.CANCELLED if handle.cancel_reason in CANCELLING_REASONS else RunStatus.INTERRUPTED
        stopped = time.monotonic()
        await finish_then_reraise(
            finalize(
                run.pk,
                run.user_id,
                status,
                cancel_reason=handle.cancel_reason or CancelReason.SHUTDOWN,
                requested_by_id=handle.cancel_requested_by_id,
                handle=handle,
            )
        )
        if handle.cancelled_at is not None:
            logger.info(
                "run %s stopped %.0f ms after its cancel, final status written %.0f ms later",
                run.pk,
                (stopped - handle.cancelled_at) * 1000,
                (time.monotonic() - stopped) * 1000,
            )
        raise
    except Exception as exc:
        logger.exception("run %s of user %s failed", run.pk, run.user_id)
        await finish_then_reraise(
            finalize(run.pk, run.user_id, RunStatus.FAILED, error=error_message_for(exc), handle=handle)
        )
    else:
        await finish_then_reraise(
            finalize(run.pk, run.user_id, RunStatus.FINISHED, history_id=outcome.history_id, handle=handle)
        )
    finally:
        watcher.cancel()
        registry.remove(handle)
        handle.done.set()


def adopt(run: ProcessingRun) -> RunHandle | None:
    """Run `run`, just claimed from another process, here; its slot was reserved by the claim.

    Returns None (and gives the slot back) if this process already runs another run of
    the user, which the database's one-started-run-per-user index rules out but a
    stale handle here could still claim.
    """
    from processing import pipeline

    handle = RunHandle(run_id=run.pk, user_id=run.user_id)
    slots.take_reserved(run.pk)
    try:
        registry.add(handle)
    except RuntimeError:
        slots.release(run.pk)
        logger.error("run %s claimed but user %s already has a run in this process", run.pk, run.user_id)
        return None
    heartbeat.ensure_running()
    handle.task = asyncio.create_task(_run_main(handle, run, pipeline, claimed=True), name=f"run-{run.pk}")
    # Also when the task is cancelled before its first step (its finally never runs).
    handle.task.add_done_callback(lambda _task: slots.release(run.pk))
    logger.info("run %s of user %s taken from another process", run.pk, run.user_id)
    return handle


def _record_place(run_id: int, ahead: int | None) -> None:
    if ahead is None:
        fields: dict[str, Any] = {"phase": Phase.LISTING, "waiting_ahead": None}
    else:
        fields = {"phase": Phase.WAITING, "waiting_ahead": ahead}
    # Only while this process has it: a run claimed by another is that one's to show.
    ProcessingRun.objects.filter(pk=run_id, status=RunStatus.STARTED, owner=OWNER_ID).update(**fields)


def _reporter(run: ProcessingRun) -> Report:
    """Shows a waiting run's place in line (and its admission) on the processing page."""

    async def report(ahead: int | None) -> None:
        try:
            await run_db(_record_place, run.pk, ahead)
        except OperationalError:
            # Only what the page shows: the run goes on waiting (or starts) regardless.
            logger.warning("run %s: database unavailable to record its place in line", run.pk)
            return
        await events.send_to_group(events.user_group(run.user_id), events.progress_event(run.pk))

    return report


def _offerer(run: ProcessingRun) -> Offer:
    async def offer() -> None:
        try:
            await run_db(sharing.record_offer, run.pk)
        except OperationalError:
            logger.warning("run %s: database unavailable to offer it to other processes", run.pk)
            return
        await sharing.announce(run.pk)

    return offer


def _admitter(run: ProcessingRun) -> Admit:
    async def admit() -> bool:
        while True:
            try:
                return await run_db(sharing.admit_offered, run.pk)
            except OperationalError:
                # Not knowing whether another process took it, this one must not start it.
                logger.warning("run %s: database unavailable to admit it; retrying", run.pk)
                await asyncio.sleep(1.0)

    return admit


def error_message_for(exc: BaseException) -> str:
    from jobmail.classify import ClassifierConfigError
    from processing.sources.base import SourceError

    if isinstance(exc, SourceError | ClassifierConfigError):
        return str(exc)
    return f"An unexpected error stopped processing ({type(exc).__name__}). The details are in the server log."


async def _watch(handle: RunHandle) -> None:
    """Poll the durable cancel flag (the heartbeat is the Heartbeat thread's job).

    The flag is the fallback when a cancel message from another process is lost
    (Redis down or restarted): the run still stops within CANCEL_POLL_SECONDS.
    """
    while True:
        await asyncio.sleep(settings.CANCEL_POLL_SECONDS)
        try:
            row = await run_control_db(_read_cancel_flag, handle.run_id)
        except OperationalError:
            logger.warning("run %s: database unavailable to read its cancel flag", handle.run_id)
            continue
        if row is None:
            # Someone else ended it (the sweeper thought us dead, or it was
            # cancelled directly): stop working on it.
            handle.cancel(CancelReason.STALE)
            return
        if row["owner"] != OWNER_ID:
            # Claimed by another process while it waited here, and the message saying
            # so was lost: leave the line (a working run's owner never changes).
            slots.withdraw(handle.run_id)
            return
        if row["cancel_requested_at"] is not None:
            handle.cancel(row["cancel_reason"] or CancelReason.USER)


def _read_cancel_flag(run_id: int) -> Any:
    # A read needs no write lock, so a cancel is seen even while SQLite's single
    # writer slot is busy with the run's own batches.
    return (
        ProcessingRun.objects.filter(pk=run_id, status=RunStatus.STARTED)
        .values("cancel_requested_at", "cancel_reason", "owner")
        .first()
    )


# --- finishing -------------------------------------------------------------------


def _finalize(
    run_id: int,
    status: str,
    error: str,
    history_id: str,
    cancel_reason: str,
    requested_by_id: int | None,
    unstored: tuple[int, str, list[Any]] | None = None,
) -> tuple[bool, ProcessingRun | None]:
    """Store what the run classified last (`unstored`: user, provider, results), then write
    the terminal status (compare-and-set), in one transaction; returns whether this call
    wrote the status, and the row as it now is (whoever ended the run)."""
    fields: dict[str, Any] = {"status": status, "finished_at": timezone.now(), "phase": Phase.DONE}
    if error:
        fields["error_message"] = error[:2000]
    if history_id:
        fields["history_id"] = history_id
    if status == RunStatus.INTERRUPTED:
        fields["error_message"] = error or "The server shut down while processing."
    if cancel_reason:
        # An in-process cancel is delivered before it is recorded (see cancel_run):
        # record who and why with the status, in the same UPDATE (whoever reads the
        # final status also reads its reason), unless a durable request already did.
        not_recorded = Q(cancel_requested_at__isnull=True)
        fields["cancel_requested_at"] = Coalesce(F("cancel_requested_at"), Value(timezone.now()))
        fields["cancel_reason"] = Case(When(not_recorded, then=Value(cancel_reason)), default=F("cancel_reason"))
        fields["cancel_requested_by_id"] = Case(
            When(not_recorded, then=Value(requested_by_id)),
            default=F("cancel_requested_by_id"),
            output_field=ProcessingRun._meta.get_field("cancel_requested_by").target_field,
        )
    # The compare-and-set that makes the final status single: the first of the
    # run itself, a cancel of a dead run, or the sweeper wins; the rest see 0 rows.
    # Only the owner writes it: a process whose waiting run was claimed by another
    # (processing.sharing) must not end the run that process now works on.
    # Urgent: before the batches waiting to be written (processing.db.WriteGate).
    with writing(urgent=True), transaction.atomic():
        if unstored is not None:
            _store_last_batch(run_id, *unstored)
        changed = ProcessingRun.objects.filter(pk=run_id, status=RunStatus.STARTED, owner=OWNER_ID).update(**fields)
    if changed and status == RunStatus.FINISHED and history_id:
        # Only a finished run read everything up to history_id: the next one starts there.
        from accounts.gmail import remember_history_id

        gmail = ProcessingRun.objects.filter(pk=run_id, source=Source.GMAIL)
        if (user_id := gmail.values_list("user_id", flat=True).first()) is not None:
            remember_history_id(user_id, history_id)
    return bool(changed), ProcessingRun.objects.filter(pk=run_id).first()


def _store_last_batch(run_id: int, user_id: int, provider: str, results: list[Any]) -> None:
    """A stopping run's last results, kept whatever its final status (a cancel keeps what was
    classified). A database that is down fails the whole write, which finalize retries; any
    other error loses only this batch, never the final status."""
    try:
        with transaction.atomic():
            store.store_batch(run_id, user_id, provider, results, urgent=True)
    except OperationalError:
        raise
    except Exception:
        logger.exception("run %s: %d classified emails could not be stored", run_id, len(results))


async def finalize(
    run_id: int,
    user_id: int,
    status: str,
    *,
    error: str = "",
    history_id: str = "",
    cancel_reason: str = "",
    requested_by_id: int | None = None,
    handle: RunHandle | None = None,
) -> bool:
    """Write the terminal status once, retrying briefly if the database is unavailable.

    On the control threads: a cancel waits for this write, and it must not queue behind
    the process's batch writes for a thread. The final row is left on `handle`.
    """
    delay = 0.05
    for attempt in range(8):
        try:
            changed, final = await run_control_db(
                _finalize,
                run_id,
                status,
                error,
                history_id,
                cancel_reason,
                requested_by_id,
                (user_id, *handle.unstored) if handle is not None and handle.unstored is not None else None,
            )
            break
        except OperationalError:
            if attempt == 7:
                # The sweeper will mark the run interrupted once its lease expires.
                logger.error("run %s: could not record final status %s", run_id, status)
                return False
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
    if handle is not None:
        handle.final = final
    if changed:
        logger.info("run %s of user %s ended: %s", run_id, user_id, status)
        await events.send_to_group(events.user_group(user_id), events.finished_event(run_id))
        # After the event: the pages' toast never waits for the e-mail digest's mail server.
        announce_soon(run_id, user_id, status)
    return changed


# --- sweeping and process services ---------------------------------------------------


def sweep_stale_runs() -> list[int]:
    """Mark started runs whose heartbeat is older than the lease as interrupted."""
    stale = list(ProcessingRun.objects.stale().values_list("pk", "user_id"))
    swept = []
    for run_id, user_id in stale:
        # Again per run: its owner may have refreshed the heartbeat since the listing.
        changed = ProcessingRun.objects.filter(pk=run_id).end_if_stale(
            RunStatus.INTERRUPTED,
            "The process running it stopped responding; start again to resume.",
            cancel_reason=CancelReason.STALE,
        )
        if changed:
            swept.append(run_id)
            logger.warning("run %s interrupted: heartbeat older than the lease", run_id)
            announce_run_ended(run_id, user_id, RunStatus.INTERRUPTED)
    return swept


_services: dict[int, list[asyncio.Task[None]]] = {}


async def ensure_process_services(*, take_waiting_runs: bool = False) -> None:
    """Start this process's cancel listener and periodic sweeper, once per event loop.

    `take_waiting_runs` (daphne, see processing.lifecycle): also claim runs that other
    processes offer (processing.sharing). Commands like process_mail leave it off: they
    run what they started and exit.
    """
    loop = asyncio.get_running_loop()
    if id(loop) in _services:
        if take_waiting_runs and not sharing.claimer.running:
            await _start_claimer(_services[id(loop)])
        return
    ready = asyncio.Event()
    tasks = [
        asyncio.create_task(_listen_for_cancels(ready), name="jobtrail-cancel-listener"),
        asyncio.create_task(_sweep_periodically(), name="jobtrail-sweeper"),
    ]
    if settings.SYNC_SCHEDULER:
        tasks.append(asyncio.create_task(sync_periodically(start_run), name="jobtrail-sync-scheduler"))
    _services[id(loop)] = tasks
    # Do not return before the listener has joined its group, or a cancel sent
    # right after this run starts could be published to nobody.
    try:
        async with asyncio.timeout(5):
            await ready.wait()
    except TimeoutError:
        logger.warning("cancel listener not ready; cross-process cancels fall back to the durable flag")
    if take_waiting_runs:
        await _start_claimer(tasks)


async def _start_claimer(tasks: list[asyncio.Task[None]]) -> None:
    from channels.layers import InMemoryChannelLayer, get_channel_layer

    layer = get_channel_layer()
    shared = layer is not None and not isinstance(layer, InMemoryChannelLayer)
    tasks.append(sharing.claimer.start(shared=shared, adopt=adopt))


async def _listen_for_cancels(ready: asyncio.Event) -> None:
    """Messages to this process: cancels of its runs, its waiting runs taken, runs offered."""
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    if layer is None:
        ready.set()
        return
    groups = [events.owner_group(OWNER_ID), events.offers_group()]
    channel = ""
    while True:
        try:
            if not channel:
                # The default prefix: channels_redis receives every process-local channel
                # through one shared queue and one lock; a channel with another prefix holds
                # that lock on its own queue and starves the websocket consumers.
                channel = await layer.new_channel()
            # Re-join periodically: Redis expires group memberships.
            for group in groups:
                await layer.group_add(group, channel)
            ready.set()
            deadline = time.monotonic() + 3600
            while time.monotonic() < deadline:
                message = await layer.receive(channel)
                kind = message.get("type")
                if kind == "run.cancel":
                    handle = registry.get(int(message["run_id"]))
                    if handle is not None:
                        handle.cancel(str(message.get("reason") or CancelReason.USER))
                elif kind == "run.taken":
                    slots.withdraw(int(message["run_id"]))
                elif kind == "run.offered" and sharing.claimer.running:
                    sharing.claimer.heard(message)
        except asyncio.CancelledError:
            raise
        except Exception:
            # Redis down or restarted: the durable flag still stops runs; retry.
            logger.warning("cancel listener lost the channel layer; retrying", exc_info=True)
            ready.set()
            channel = ""
            await asyncio.sleep(1.0)


async def _sweep_periodically() -> None:
    while True:
        try:
            await run_db(sweep_stale_runs)
        except OperationalError:
            logger.warning("sweeper: database unavailable")
        await asyncio.sleep(settings.SWEEP_SECONDS)


async def stop_all_runs(reason: str = CancelReason.SHUTDOWN, timeout: float = 10.0) -> None:
    """Stop every run of this process (graceful shutdown) and wait for their final status."""
    handles = registry.handles()
    for handle in handles:
        handle.cancel(reason)
    if handles:
        await asyncio.wait([asyncio.ensure_future(h.done.wait()) for h in handles], timeout=timeout)
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            await announcements_sent()


async def stop_process_services() -> None:
    """Stop the listener and sweeper of the running loop (tests, command shutdown)."""
    tasks = _services.pop(id(asyncio.get_running_loop()), [])
    sharing.claimer.stop()
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
