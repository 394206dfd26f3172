"""Faults: the LLM misbehaving, the database briefly unavailable, Redis down, dead owners.

Every run must end with a clear terminal status — finished (results stored, or kept
for review), failed or interrupted with a sentence — never stay `started` past the
lease, and never lose or duplicate an email: `processed_emails` equals what is stored
and every listed message is stored exactly once.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from django.utils import timezone

from accounts.models import User
from dashboard.models import Email
from processing import cancel, runs
from processing.models import CancelReason, ProcessingRun, RunStatus, Source
from processing.registry import registry
from tests.factories import application_email, write_mailbox
from tests.live import ROOT, DaphneServer, free_port, logged_in_client
from tests.live import test_database_url as live_database_url
from tests.waiting import eventually, run_ended

if TYPE_CHECKING:
    from tests.fakes.openai_server import FakeOpenAIServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("process_services", "fast_runs")]


def quick_mailbox(folder: Path, count: int) -> list[bytes]:
    """Like tests.factories.write_mailbox, but fast for big mailboxes: the 8 templates are
    built once and each copy gets its own Message-ID (for the rules classifier, which
    has no cache, identical text is fine)."""
    folder.mkdir(parents=True, exist_ok=True)
    templates = [application_email(i, unique=False) for i in range(8)]
    messages = []
    for index in range(count):
        raw = templates[index % 8].replace(b"<msg-", f"<copy{index}-msg-".encode(), 1)
        (folder / f"{index:05d}.eml").write_bytes(raw)
        messages.append(raw)
    return messages


async def _start(user: User, folder: Path, classifier: str) -> ProcessingRun:
    return await runs.start_run(user.pk, source=Source.MBOX, source_path=str(folder), classifier=classifier)


async def _assert_exact(run: ProcessingRun, user: User, messages: list[bytes] | None = None) -> None:
    """processed == what is stored; each listed message stored once; nothing left started."""
    stored = [m async for m in Email.objects.filter(user=user).values_list("provider_message_id", flat=True)]
    assert len(stored) == len(set(stored)), "a message was stored twice"
    assert run.processed_emails == run.skipped_emails + run.stored_emails + run.missing_emails
    assert await Email.objects.filter(user=user, run_id=run.pk).acount() == run.stored_emails
    if run.status == RunStatus.FINISHED and messages is not None:
        assert run.processed_emails == run.total_emails == len(messages)
        assert len(stored) == len(messages), "a message was lost"
    assert not await ProcessingRun.objects.filter(status=RunStatus.STARTED).aexists()
    assert registry.get(run.pk) is None


# --- the LLM misbehaving (loopback OpenAI-compatible server) ------------------------------------
# Mailboxes of at most 8 messages: tests.factories repeats its 8 templates after that, and
# identical templates share one LLM answer (the cache), which would blur the counts.


@pytest.fixture
def llm(fake_openai: FakeOpenAIServer, settings: Any) -> FakeOpenAIServer:
    settings.LLM_CONCURRENCY = 2
    settings.STORE_BATCH_SIZE = 4
    return fake_openai


async def test_it_keeps_an_email_for_review_when_the_llm_asks_to_wait_for_an_hour(
    alice: User, tmp_path: Path, llm: FakeOpenAIServer
) -> None:
    from tests.fakes.openai_server import Fault

    messages = write_mailbox(tmp_path / "box", 8)
    llm.enqueue(Fault.status(429, headers={"Retry-After": "3600"}))
    started = time.monotonic()
    run = await run_ended((await _start(alice, tmp_path / "box", "llm")).pk)
    assert run.status == RunStatus.FINISHED, run.error_message
    # Not held for the hour: that email waits for review, the others are classified.
    assert time.monotonic() - started < 20
    assert await Email.objects.filter(user=alice, needs_review=True).acount() == 1
    assert await Email.objects.filter(user=alice, classifier="llm").acount() == 7
    await _assert_exact(run, alice, messages)


async def test_it_retries_server_errors_and_finishes(alice: User, tmp_path: Path, llm: FakeOpenAIServer) -> None:
    from tests.fakes.openai_server import Fault

    messages = write_mailbox(tmp_path / "box", 8)
    llm.enqueue(Fault.status(500))
    for _ in range(3):
        llm.enqueue(Fault.status(503, headers={"Retry-After": "0"}))
    run = await run_ended((await _start(alice, tmp_path / "box", "llm")).pk)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert await Email.objects.filter(user=alice, classifier="llm").acount() == 8  # every one got an answer
    assert len(llm.requests) == 8 + 4
    await _assert_exact(run, alice, messages)


async def test_it_gives_up_on_an_email_after_repeated_server_errors(
    alice: User, tmp_path: Path, llm: FakeOpenAIServer, settings: Any
) -> None:
    from tests.fakes.openai_server import Fault

    settings.LLM_CONCURRENCY = 1
    messages = write_mailbox(tmp_path / "box", 4)
    for _ in range(5):  # every attempt for the first email
        llm.enqueue(Fault.status(503, headers={"Retry-After": "0"}))
    run = await run_ended((await _start(alice, tmp_path / "box", "llm")).pk)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert await Email.objects.filter(user=alice, needs_review=True).acount() == 1
    await _assert_exact(run, alice, messages)


async def test_it_retries_a_request_that_times_out(
    alice: User, tmp_path: Path, llm: FakeOpenAIServer, settings: Any
) -> None:
    from tests.fakes.openai_server import Fault

    settings.OPENAI_TIMEOUT = 0.5
    messages = write_mailbox(tmp_path / "box", 6)
    llm.enqueue(Fault.hang(5))
    run = await run_ended((await _start(alice, tmp_path / "box", "llm")).pk)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert await Email.objects.filter(user=alice, classifier="llm").acount() == 6
    assert sum(1 for r in llm.requests if r.aborted) == 1  # the client hung up on the hanging request
    await _assert_exact(run, alice, messages)


async def test_it_keeps_emails_with_malformed_answers_for_review(
    alice: User, tmp_path: Path, llm: FakeOpenAIServer, settings: Any
) -> None:
    from tests.fakes.openai_server import Fault

    settings.LLM_CONCURRENCY = 1
    messages = write_mailbox(tmp_path / "box", 6)
    # First email: malformed twice (retried once, then kept for review). Second: once, then fine.
    for _ in range(3):
        llm.enqueue(Fault.invalid_json())
    run = await run_ended((await _start(alice, tmp_path / "box", "llm")).pk)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert await Email.objects.filter(user=alice, needs_review=True).acount() == 1
    assert await Email.objects.filter(user=alice, classifier="llm").acount() == 5
    assert len(llm.requests) == 6 + 2
    await _assert_exact(run, alice, messages)


# --- the database briefly unavailable ---------------------------------------------------------


def _hold_database_lock(seconds: float, locked: threading.Event) -> None:
    """Lock the run table from another connection, then release it."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        lite = sqlite3.connect(settings["NAME"], timeout=30, isolation_level=None)
        try:
            lite.execute("BEGIN EXCLUSIVE")
            locked.set()
            time.sleep(seconds)
            lite.execute("ROLLBACK")
        finally:
            lite.close()
        return
    import psycopg

    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings.get("USER") or "postgres",
        host=settings.get("HOST") or "127.0.0.1",
        port=settings.get("PORT") or 5432,
        password=settings.get("PASSWORD") or None,
    ) as other:
        other.execute("LOCK TABLE processing_processingrun IN ACCESS EXCLUSIVE MODE")
        locked.set()
        time.sleep(seconds)
        other.rollback()


async def test_it_finishes_with_exact_counts_when_the_database_is_locked_mid_run(
    alice: User, tmp_path: Path, settings: Any
) -> None:
    settings.STORE_BATCH_SIZE = 5
    # Big enough that the rules (a few hundred emails a second) are still reading when the
    # lock is taken and still have mail left once it is released.
    messages = quick_mailbox(tmp_path / "box", 600)
    run = await _start(alice, tmp_path / "box", "rules")

    async def some_progress() -> bool:
        return (await ProcessingRun.objects.aget(pk=run.pk)).processed_emails >= 10

    await eventually(some_progress)
    locked = threading.Event()
    holder = asyncio.create_task(asyncio.to_thread(_hold_database_lock, 1.0, locked))
    await asyncio.to_thread(locked.wait, 10)
    await holder
    during = await ProcessingRun.objects.aget(pk=run.pk)
    assert during.status == RunStatus.STARTED, "the run ended before the lock: make the mailbox bigger"
    run = await run_ended(run.pk, timeout=60)
    assert run.status == RunStatus.FINISHED, run.error_message
    await _assert_exact(run, alice, messages)


@pytest.fixture
def main_connection_pid(db: None) -> int | None:
    """The backend of the test's own connection (kept alive for the database teardown)."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    return int(connection.connection.info.backend_pid)  # type: ignore[union-attr]


async def test_it_ends_clearly_and_resumes_exactly_when_database_connections_are_cut(
    alice: User, tmp_path: Path, settings: Any, main_connection_pid: int | None
) -> None:
    if main_connection_pid is None:
        pytest.skip("SQLite has no server connections to cut; the lock test above covers it")
    import psycopg

    settings.STORE_BATCH_SIZE = 5
    messages = quick_mailbox(tmp_path / "box", 150)
    run = await _start(alice, tmp_path / "box", "rules")

    async def some_progress() -> bool:
        return (await ProcessingRun.objects.aget(pk=run.pk)).processed_emails >= 10

    await eventually(some_progress)

    def cut() -> int:
        info = connection.settings_dict
        with psycopg.connect(
            dbname=info["NAME"],
            user=info.get("USER") or "postgres",
            host=info.get("HOST") or "127.0.0.1",
            port=info.get("PORT") or 5432,
            autocommit=True,
        ) as admin:
            rows = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid NOT IN (pg_backend_pid(), %s) AND backend_type = 'client backend'",
                [main_connection_pid],
            ).fetchall()
        return len(rows)

    assert await asyncio.to_thread(cut) >= 1
    # This test's own ORM thread lost its connection too: drop it so the next query reconnects.
    await sync_to_async(lambda: connection.close())()
    first = await run_ended(run.pk, timeout=60)
    # Either the cut only hit the heartbeat (logged, then reconnected) or it hit a batch
    # write, which fails the run with a sentence; both leave exact counts.
    assert first.status in (RunStatus.FINISHED, RunStatus.FAILED)
    if first.status == RunStatus.FAILED:
        assert "The details are in the server log" in first.error_message
    await _assert_exact(first, alice)
    second = await run_ended((await _start(alice, tmp_path / "box", "rules")).pk, timeout=60)
    assert second.status == RunStatus.FINISHED
    assert await Email.objects.filter(user=alice).acount() == len(messages)
    await _assert_exact(second, alice)


# --- dead owners and the sweeper ---------------------------------------------------------------


async def test_it_never_leaves_a_run_started_past_the_lease(alice: User, bob: User, settings: Any) -> None:
    settings.RUN_LEASE_SECONDS = 2
    settings.SWEEP_SECONDS = 0.2
    dead = await ProcessingRun.objects.acreate(
        user=alice, status=RunStatus.STARTED, owner="crashed:1:dead", heartbeat_at=timezone.now() - timedelta(seconds=3)
    )
    alive = await ProcessingRun.objects.acreate(user=bob, status=RunStatus.STARTED, owner="elsewhere:2:alive")
    await runs.ensure_process_services()  # every process sweeps on start and every SWEEP_SECONDS

    async def swept() -> bool:
        return (await ProcessingRun.objects.aget(pk=dead.pk)).status != RunStatus.STARTED

    await eventually(swept, timeout=5)
    dead = await ProcessingRun.objects.aget(pk=dead.pk)
    assert dead.status == RunStatus.INTERRUPTED
    assert dead.cancel_reason == CancelReason.STALE
    assert "start again to resume" in dead.error_message
    assert (await ProcessingRun.objects.aget(pk=alive.pk)).status == RunStatus.STARTED  # fresh heartbeat: left alone
    await ProcessingRun.objects.filter(pk=alive.pk).aupdate(status=RunStatus.FINISHED)


async def test_it_cancels_a_run_whose_owner_died_at_once(alice: User) -> None:
    dead = await ProcessingRun.objects.acreate(
        user=alice, status=RunStatus.STARTED, owner="crashed:1:dead", heartbeat_at=timezone.now() - timedelta(minutes=5)
    )
    outcome = await runs.cancel_run(user_id=alice.pk, requested_by_id=alice.pk)
    assert outcome.http_status == 200
    dead = await ProcessingRun.objects.aget(pk=dead.pk)
    assert dead.status == RunStatus.CANCELLED
    assert "stopped responding" in dead.error_message


def in_flight_bound(batch: int, workers: int) -> int:
    """Messages a run may still store after it is told to stop: the fetch queue (2 per
    worker), the workers, the writer's queue (a batch + one per worker), its buffer and
    the batch being written (pipeline.py)."""
    return 2 * workers + workers + (batch + workers) + batch + batch


async def test_it_stops_through_the_durable_flag_when_the_cancel_message_is_lost(
    alice: User, tmp_path: Path, settings: Any
) -> None:
    # The owner is this process, but the cancel is recorded the way another process does
    # it when Redis is down: only the durable flag, no message, no registry access.
    settings.STORE_BATCH_SIZE = 5
    settings.LLM_CONCURRENCY = 2
    quick_mailbox(tmp_path / "box", 1000)
    run = await _start(alice, tmp_path / "box", "rules")

    async def some_progress() -> bool:
        return (await ProcessingRun.objects.aget(pk=run.pk)).processed_emails >= 5

    await eventually(some_progress)
    recorded_at = time.monotonic()
    assert await sync_to_async(cancel._record_cancel)(run.pk, CancelReason.USER, alice.pk)
    at_cancel = (await ProcessingRun.objects.aget(pk=run.pk)).processed_emails
    run = await run_ended(run.pk)
    stopped_after = time.monotonic() - recorded_at
    assert run.status == RunStatus.CANCELLED
    # Stopped at a checkpoint soon after: what was in flight, plus what the next poll
    # lets through — at most a second or two of work on a loaded 2-core machine.
    assert run.processed_emails - at_cancel <= in_flight_bound(5, 2) + 200
    assert stopped_after < settings.CANCEL_POLL_SECONDS + 5.0
    await _assert_exact(run, alice)


# --- Redis down, two real processes ---------------------------------------------------------------


@pytest.mark.slow
def test_it_cancels_across_processes_through_the_durable_flag_when_redis_is_down(
    alice: User, alice_client: Any, tmp_path: Path
) -> None:
    """The owner is a `process_mail` process, the cancel goes to a daphne process; the
    channel layer and the cache of both point at a closed port."""
    quick_mailbox(tmp_path / "box", 1500)
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"
    poll = 0.5
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": live_database_url(),
        "REDIS_URL": dead_redis,
        "CANCEL_POLL_SECONDS": str(poll),
        "HEARTBEAT_SECONDS": "0.5",
        "STORE_BATCH_SIZE": "5",
        "LLM_CONCURRENCY": "1",
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    session = alice_client.cookies["sessionid"].value
    owner_log = (tmp_path / "owner.log").open("w")
    # Both processes boot at the same time; the owner's log goes to a file (a full pipe
    # would block it).
    owner = subprocess.Popen(
        [sys.executable, "manage.py", "process_mail", "--user", alice.email, "--source", "mbox",
         "--mbox", str(tmp_path / "box"), "--classifier", "rules", "--wait"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=owner_log, text=True,
    )  # fmt: skip
    try:
        with DaphneServer({k: env[k] for k in ("DATABASE_URL", "REDIS_URL", "CANCEL_POLL_SECONDS")}) as canceller:
            deadline = time.monotonic() + 30
            while not ProcessingRun.objects.filter(user=alice, processed_emails__gte=10).exists():
                assert owner.poll() is None, (tmp_path / "owner.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "the owner made no progress"
                time.sleep(0.05)
            http = logged_in_client(canceller.url, session)
            try:
                sent = time.monotonic()
                answer = http.post("/cancel-fetch-emails", headers={"Accept": "application/json"})
                answered = time.monotonic() - sent
            finally:
                http.close()
            out, _ = owner.communicate(timeout=30)
            log = canceller.output()
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()
        owner_log.close()
    err = (tmp_path / "owner.log").read_text()
    # 200 with the final counts, normally; on a starved machine the request may stop
    # waiting first (202), and the owner must still stop on its own.
    assert answer.status_code in (200, 202), answer.text
    body = answer.json()
    run = ProcessingRun.objects.get(user=alice)
    assert run.status == RunStatus.CANCELLED
    if answer.status_code == 200:
        assert body["status"] == "cancelled"
        assert body["processed_emails"] == run.processed_emails
    assert run.owner.split(":")[1] == str(owner.pid)  # the other process owned it
    assert run.cancel_reason == CancelReason.USER
    assert run.processed_emails == Email.objects.filter(user=alice).count()
    assert run.processed_emails < 1500
    assert out.strip().startswith(f"run {run.pk} cancelled"), out + err[-3000:]
    # The message could not travel (Redis is down): the durable flag, polled every
    # CANCEL_POLL_SECONDS, stopped the run while the cancel request waited for it.
    assert run.cancel_requested_at is not None
    assert run.finished_at is not None
    stopped_after = (run.finished_at - run.cancel_requested_at).total_seconds()
    assert stopped_after < poll + 3.0, (stopped_after, err[-3000:])
    assert "could not send run.cancel" in log, log[-3000:]
    assert answered < 5.0 + 1.0, log[-3000:]  # the cancel request waits at most 5 s for the end
