"""One run's work: list, fetch ahead, classify concurrently, store in batches.

    source.fetch ──▶ fetched (bounded queue) ──▶ N classify workers ──▶ results ──▶ writer
                                                  (N = LLM_CONCURRENCY)             (batches)
                                                    │ each LLM request waits for a turn
                                                    │ at the process's LLM_CONCURRENCY,
                                                    │ shared round-robin by the runs
                                                    │  ▲
                                 parse, clean, rules,  ▼  │ a small Reading
                                 prompt: worker pool (processing.pool), off the loop

Each classify worker sends its message's CPU work to the process pool and keeps only
the I/O on the event loop: the cache lookup, the LLM request, the queue to the writer.

The bounded queue keeps memory flat however large the mailbox; the writer commits
a batch and its count in one transaction so `processed_emails` is always exact.
On cancel every task is cancelled at its current await (an in-flight LLM request's
connection is closed), then results already classified are written (shielded) so
no finished work is lost, and only then is the final status recorded.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from typing import TYPE_CHECKING, Any

from django.conf import settings

from dashboard.models import Email
from jobmail.classify import ClassificationStrategy, ClassifierConfigError
from jobmail.classify.cache import classification_from_json, content_hash
from jobmail.classify.prompt import thread_note
from jobmail.classify.result import Classification
from jobmail.taxonomy import Status
from processing import events, pool, store
from processing.admission import llm_turns
from processing.aio import finish_then_reraise
from processing.classifier import strategy_for
from processing.db import close_thread_connections, run_db, run_db_in
from processing.models import ClassificationCache, ProcessingRun, Source
from processing.pool import MessageUnreadable
from processing.sources.base import FetchedMessage, MailSource, SourceContext, SourceError
from processing.store import Result
from processing.work import Plan, Reading, read_message

if TYPE_CHECKING:
    from processing.registry import RunHandle

logger = logging.getLogger("jobtrail.pipeline")

_DONE = object()


@dataclass(frozen=True)
class Outcome:
    history_id: str = ""


def make_source(run: ProcessingRun, context: SourceContext) -> MailSource:
    from processing.sources.mbox import DemoSource, MboxSource

    if run.source == Source.DEMO:
        return DemoSource(context)
    if run.source == Source.MBOX:
        return MboxSource(run.source_path, context)
    if run.source == Source.GMAIL:
        try:
            from processing.sources.gmail import GmailSource
        except ImportError:
            raise SourceError("Gmail support is not installed in this build.") from None
        return GmailSource(context)  # type: ignore[no-any-return]
    raise SourceError(f"Unknown source {run.source!r}.")


def _context_for(run: ProcessingRun, handle: RunHandle) -> SourceContext:
    def as_datetime(day: Any) -> datetime | None:
        return datetime.combine(day, dtime.min, tzinfo=UTC) if day else None

    end = as_datetime(run.end_date)
    return SourceContext(
        user_id=run.user_id,
        run_id=run.pk,
        start_date=as_datetime(run.start_date),
        end_date=end + timedelta(days=1) if end else None,  # the end date is inclusive
        cancel_event=handle.cancel_event,
        since_history_id=_since_history_id(run),
    )


def _since_history_id(run: ProcessingRun) -> str:
    if run.source != Source.GMAIL:
        return ""
    from accounts.models import GmailCredential

    return GmailCredential.objects.filter(user_id=run.user_id).values_list("last_history_id", flat=True).first() or ""


def _load_cache(user_id: int) -> dict[str, Classification]:
    cached = {}
    for digest, data in ClassificationCache.objects.filter(user_id=user_id).values_list("content_hash", "result"):
        try:
            cached[digest] = classification_from_json(data)
        except (KeyError, TypeError, ValueError):
            continue
    return cached


#: A job for the worker pool holds at most this many messages (rules only) ...
JOB_MESSAGES = 16
#: ... and stops taking more once it holds this many bytes, so memory stays flat.
JOB_BYTES = 1 << 20

#: Threads whose application the LLM prompt names, newest first: enough for the
#: replies a run meets, bounded for users with years of mail.
THREAD_NOTES = 5_000


def _load_threads(user_id: int) -> dict[str, str]:
    """Thread id -> a few tokens on the application the thread belongs to (for the LLM)."""
    rows = (
        Email.objects.filter(user_id=user_id, application__isnull=False, deleted_at__isnull=True)
        .exclude(thread_id="")
        .order_by("-received_at")
        .values_list("thread_id", "application__status", "application__company", "application__job_title")[
            :THREAD_NOTES
        ]
    )
    notes: dict[str, str] = {}
    for thread, status, company, title in rows:
        notes.setdefault(thread, thread_note(status, company, title))
    return notes


class Progress:
    """Sends progress events at most every PROGRESS_INTERVAL seconds, never blocking the run."""

    def __init__(self, run: ProcessingRun) -> None:
        self.run_id = run.pk
        self.user_id = run.user_id
        self._last = 0.0
        self._sending: asyncio.Task[bool] | None = None

    def update(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < settings.PROGRESS_INTERVAL:
            return
        if self._sending is not None and not self._sending.done():
            return  # the layer is slow; the next update carries the newer numbers
        self._last = now
        message = events.progress_event(self.run_id)
        self._sending = asyncio.create_task(events.send_to_group(events.user_group(self.user_id), message))


class Writer:
    """Collects results and stores them in small batches.

    Results arrive tagged with their message's place in the listing. With `hold`,
    they are stored in that order: grouping places each email in the light of those
    stored before it, so the same mailbox gives the same applications however the
    workers' jobs happened to finish. A result that stays missing while `hold`
    later ones wait (a slow message) stops holding them, so memory stays flat.
    """

    def __init__(self, run: ProcessingRun, provider: str, progress: Progress, workers: int, hold: int = 0) -> None:
        self.run_id = run.pk
        self.user_id = run.user_id
        self.provider = provider
        self.progress = progress
        self.workers = workers
        # Bounded: when storing is slower than classifying (it usually is), workers wait
        # here instead of piling up results, so memory stays flat and a cancel has at
        # most about two batches left to store before the run can end.
        self.queue: asyncio.Queue[tuple[int, Result] | object] = asyncio.Queue(
            maxsize=settings.STORE_BATCH_SIZE + workers
        )
        self.buffer: list[Result] = []
        self.inflight: asyncio.Future[store.BatchResult] | None = None
        self.hold = hold
        self.held: dict[int, Result] = {}
        self.next = 0
        # A thread (and database connection) of the run's own for its batch writes, one at
        # a time: in the shared executor a batch could wait behind other runs' work for a
        # thread, and a cancel waits for this run's last batch before it can be answered.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"run-{run.pk}-store")

    def _accept(self, place: int, result: Result) -> None:
        if not self.hold or place < self.next:
            self.buffer.append(result)
            return
        self.held[place] = result
        while self.next in self.held:
            self.buffer.append(self.held.pop(self.next))
            self.next += 1
        if len(self.held) > self.hold:
            self._release()

    def _release(self) -> None:
        """Stop waiting: what is held joins the buffer, in order."""
        if self.held:
            self.next = max(self.held) + 1
            self.buffer.extend(self.held.pop(place) for place in sorted(self.held))

    def _store(self, batch: list[Result], *, urgent: bool = False) -> asyncio.Future[store.BatchResult]:
        return asyncio.ensure_future(
            run_db_in(self._thread, store.store_batch, self.run_id, self.user_id, self.provider, batch, urgent=urgent)
        )

    async def run(self) -> None:
        finished = 0
        first_at = 0.0
        while finished < self.workers:
            timeout = None
            if self.buffer:
                timeout = max(0.0, first_at + 0.5 - time.monotonic())
            try:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a
                # cancel that races the queue item, and this loop would then wait for
                # workers that were already cancelled.
                async with asyncio.timeout(timeout):
                    item = await self.queue.get()
            except TimeoutError:
                await self.flush()
                continue
            if item is _DONE:
                finished += 1
                continue
            assert isinstance(item, tuple)
            if not self.buffer:
                first_at = time.monotonic()
            self._accept(*item)
            if len(self.buffer) >= settings.STORE_BATCH_SIZE:
                await self.flush()
        self._release()
        await self.flush()

    async def flush(self) -> None:
        if not self.buffer:
            return
        batch, self.buffer = self.buffer, []
        self.inflight = self._store(batch)
        # Shielded: if the run is cancelled mid-write the batch still commits as a
        # whole, and drain() waits for it before the final status is written.
        await asyncio.shield(self.inflight)
        self.inflight = None
        self.progress.update()

    async def drain(self, handle: RunHandle) -> None:
        """After a cancel or failure: finish the in-flight write, and leave what is left on
        `handle` for the final status's write (runs.finalize), one write instead of two
        while the user waits for the cancel."""
        if self.inflight is not None:
            try:
                await self.inflight
                self.progress.update()
            except Exception:
                logger.exception("run %s: the last batch could not be stored", self.run_id)
            self.inflight = None
        while not self.queue.empty():
            item = self.queue.get_nowait()
            if isinstance(item, tuple):
                self._accept(*item)
        self._release()
        if self.buffer:
            handle.unstored, self.buffer = (self.provider, self.buffer), []

    def close(self) -> None:
        """After the last write: close the thread's database connection, then the thread.

        Nothing to await: the thread runs the close before it exits, and the run's final status
        (which a cancel waits for) need not wait for a turn of that thread first.
        """
        self._thread.submit(close_thread_connections)
        self._thread.shutdown(wait=False)


def _result_for(fetched: FetchedMessage, strategy_out: tuple[Classification, str, bool], reading: Reading) -> Result:
    classification, digest, cache_it = strategy_out
    return Result(
        message_id=fetched.ref.id,
        thread_id=reading.thread_id or fetched.ref.thread_id,
        rfc822_message_id=reading.rfc822_message_id,
        subject=reading.subject,
        sender=reading.sender,
        sender_email=reading.sender_email,
        received_at=reading.received_at,
        snippet=reading.snippet,
        sender_role=reading.sender_role,
        classification=classification,
        content_hash=digest,
        cache_it=cache_it,
    )


def _unreadable(fetched: FetchedMessage, error: MessageUnreadable) -> Result:
    """A message whose CPU work failed: kept, with what the source knows, for the review queue."""
    why = "it took too long to process" if error.over_limit else "processing it failed"
    return Result(
        message_id=fetched.ref.id,
        thread_id=fetched.ref.thread_id or fetched.ref.id,
        received_at=fetched.internal_date,
        classification=Classification(
            status=Status.NOT_JOB,
            is_job_related=False,
            needs_review=True,
            classifier="unreadable",
            reasons=(str(error),),
        ),
        review_reason=f"This email could not be read: {why}. Check it in your mailbox, then confirm or correct it.",
    )


def _plan(strategy: ClassificationStrategy) -> Plan:
    budget = strategy.llm.budget_tokens if strategy.llm is not None else 0
    return Plan(llm=strategy.asks_llm, shortcut=strategy.shortcut, budget_tokens=budget)


async def execute(handle: RunHandle, run: ProcessingRun) -> Outcome:
    """Process the run's mailbox. Raises CancelledError when cancelled."""
    context = await run_db(_context_for, run, handle)
    source = await run_db(make_source, run, context)
    llm = run.classifier == "llm"
    cached = await run_db(_load_cache, run.user_id) if llm else {}
    threads = await run_db(_load_threads, run.user_id) if llm else {}
    # In a thread: the LLM client loads the CA bundle (30-80 ms of CPU), which would
    # stall every request and run on this loop while it happens.
    strategy = await asyncio.to_thread(
        strategy_for, run.classifier or settings.CLASSIFIER, cached, threads, asyncio.get_running_loop()
    )
    # The process's LLM_CONCURRENCY requests are shared round-robin by its working runs.
    strategy.llm_turn = lambda: llm_turns.turn(run.pk)
    try:
        return await _execute(handle, run, source, strategy)
    finally:
        await finish_then_reraise(_close(source, strategy))


async def _close(source: MailSource, strategy: ClassificationStrategy) -> None:
    for closer in (source.aclose, strategy.aclose):
        try:
            await closer()
        except Exception:
            logger.warning("error while closing %s", closer, exc_info=True)


async def _execute(
    handle: RunHandle, run: ProcessingRun, source: MailSource, strategy: ClassificationStrategy
) -> Outcome:
    progress = Progress(run)
    progress.update(force=True)
    handle.checkpoint()
    listing = await source.list_messages()
    ids = [ref.id for ref in listing.refs]
    known = await run_db(store.known_message_ids, run.user_id, ids)
    pending = [ref for ref in listing.refs if ref.id not in known]
    await run_db(store.begin, run.pk, len(ids), len(ids) - len(pending))
    progress.update(force=True)
    logger.info("run %s: %d listed, %d already stored, %d to process", run.pk, len(ids), len(known), len(pending))
    if not pending:
        return Outcome(history_id=listing.history_id)

    workers = settings.LLM_CONCURRENCY
    plan = _plan(strategy)
    # Without the LLM a message's CPU work is a few milliseconds, as much as the round
    # trip to the pool: a worker then sends the messages already waiting as one job.
    # With the LLM each message is decided on its own, so a job is one message.
    per_job = 1 if plan.llm else JOB_MESSAGES
    fetched_queue: asyncio.Queue[tuple[int, FetchedMessage] | object] = asyncio.Queue(maxsize=workers * 2)
    # Rules only: results are stored in listing order (see Writer), waiting at most for
    # what can be in flight. With the LLM a slow answer must not hold up the others.
    hold = 0 if plan.llm else workers * (per_job + 2) + settings.STORE_BATCH_SIZE
    writer = Writer(run, source.provider, progress, workers, hold=hold)
    places = {ref.id: place for place, ref in enumerate(pending)}

    async def produce() -> None:
        async for fetched in source.fetch(pending):
            handle.checkpoint()
            place = places.get(fetched.ref.id, -1)
            if fetched.raw is None:
                await writer.queue.put((place, Result(message_id=fetched.ref.id, missing=True)))
            else:
                await fetched_queue.put((place, fetched))
        for _ in range(workers):
            await fetched_queue.put(_DONE)

    async def work() -> None:
        finished = False
        while not finished:
            item = await fetched_queue.get()
            if item is _DONE:
                break
            assert isinstance(item, tuple)
            batch: list[tuple[int, FetchedMessage]] = [item]
            size = len(item[1].raw or b"")
            while len(batch) < per_job and size < JOB_BYTES and not fetched_queue.empty():
                more = fetched_queue.get_nowait()
                if more is _DONE:
                    finished = True
                    break
                assert isinstance(more, tuple)
                batch.append(more)
                size += len(more[1].raw or b"")
            handle.checkpoint()  # before each job
            # Fair among runs: the pool serves the runs' jobs round-robin by run id.
            readings = await pool.run_each(
                run.pk,
                read_message,
                [(m.raw, m.ref.id, m.ref.thread_id or None, m.internal_date, plan) for _, m in batch],
            )
            for (place, fetched), reading in zip(batch, readings, strict=True):
                if isinstance(reading, MessageUnreadable):
                    logger.warning("run %s: message %s could not be read: %s", run.pk, fetched.ref.id[:80], reading)
                    await writer.queue.put((place, _unreadable(fetched, reading)))
                    continue
                outcome = await strategy.decide(reading.prepared, handle.checkpoint)
                await writer.queue.put((place, _result_for(fetched, outcome, reading)))
        await writer.queue.put(_DONE)

    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(produce(), name=f"run-{run.pk}-fetch")
            for index in range(workers):
                group.create_task(work(), name=f"run-{run.pk}-classify-{index}")
            group.create_task(writer.run(), name=f"run-{run.pk}-store")
    except asyncio.CancelledError:
        await finish_then_reraise(writer.drain(handle))
        raise
    except BaseExceptionGroup as group_error:
        await finish_then_reraise(writer.drain(handle))
        raise _first_meaningful(group_error) from None
    finally:
        writer.close()
    return Outcome(history_id=listing.history_id)


def _first_meaningful(group_error: BaseExceptionGroup[BaseException]) -> BaseException:
    leaves: list[BaseException] = []

    def collect(error: BaseException) -> None:
        if isinstance(error, BaseExceptionGroup):
            for inner in error.exceptions:
                collect(inner)
        else:
            leaves.append(error)

    collect(group_error)
    for preferred in (SourceError, ClassifierConfigError):
        for leaf in leaves:
            if isinstance(leaf, preferred):
                return leaf
    return leaves[0]


__all__ = ["Outcome", "content_hash", "execute"]
