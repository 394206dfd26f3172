"""Sharing: runs of one process share its LLM requests fairly; offered runs go to a process with room."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import User
from dashboard.models import Email
from processing import runs, sharing
from processing.admission import FairTurns, llm_turns, slots
from processing.models import Phase, ProcessingRun, RunStatus, Source
from processing.registry import OWNER_ID
from tests.concurrency import claim_concurrently
from tests.factories import write_mailbox
from tests.fakes.openai_server import FakeOpenAIServer
from tests.live import DaphneServer, logged_in_client, test_database_url
from tests.waiting import eventually, wait_until

pytestmark = [pytest.mark.django_db(transaction=True)]


# --- fair turns at the LLM ----------------------------------------------------------------------


async def test_it_gives_llm_turns_round_robin_between_runs_not_first_come_first_served() -> None:
    turns = FairTurns(lambda: 1)
    order: list[str] = []
    gate = asyncio.Event()

    async def ask(key: int, name: str) -> None:
        async with turns.turn(key):
            order.append(name)
            if name == "a1":
                await gate.wait()

    first = asyncio.create_task(ask(1, "a1"))
    await asyncio.sleep(0)
    # Run 1 queues three more requests before run 2 queues its first.
    later = [asyncio.create_task(ask(1, f"a{index}")) for index in (2, 3, 4)]
    await asyncio.sleep(0)
    later.append(asyncio.create_task(ask(2, "b1")))
    await asyncio.sleep(0)
    gate.set()
    await asyncio.gather(first, *later)
    # A semaphore would serve a2, a3, a4, then b1.
    assert order == ["a1", "a2", "b1", "a3", "a4"]
    assert (turns.in_use, turns.waiting) == (0, 0)


async def test_it_gives_back_a_turn_when_a_waiting_request_is_cancelled() -> None:
    turns = FairTurns(lambda: 1)
    held = asyncio.Event()
    release = asyncio.Event()

    async def hold() -> None:
        async with turns.turn(1):
            held.set()
            await release.wait()

    holder = asyncio.create_task(hold())
    await held.wait()
    waiting = asyncio.create_task(hold())
    await asyncio.sleep(0)
    assert turns.waiting == 1
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert (turns.in_use, turns.waiting) == (1, 0)
    release.set()
    await holder
    assert (turns.in_use, turns.waiting) == (0, 0)


@pytest.mark.usefixtures("process_services", "fast_runs")
async def test_it_lets_two_runs_of_one_process_progress_together(
    alice: User, bob: User, tmp_path: Path, fake_openai: FakeOpenAIServer, settings: Any
) -> None:
    fake_openai.latency = 0.2
    settings.LLM_CONCURRENCY = 2
    settings.STORE_BATCH_SIZE = 1
    write_mailbox(tmp_path / "a", 12)
    write_mailbox(tmp_path / "b", 12)
    first = await runs.start_run(alice.pk, source=Source.MBOX, source_path=str(tmp_path / "a"), classifier="llm")
    await asyncio.to_thread(fake_openai.wait_for_requests, 2, 10.0)
    # The first run holds both of the process's LLM requests by now, and has more queued.
    second = await runs.start_run(bob.pk, source=Source.MBOX, source_path=str(tmp_path / "b"), classifier="llm")

    async def second_stored_one() -> bool:
        return await Email.objects.filter(user=bob).aexists()

    await eventually(second_stored_one, timeout=10)
    row = await ProcessingRun.objects.aget(pk=first.pk)
    # Bob's run got a turn within a round, long before Alice's twelve emails were done.
    assert (row.status, row.processed_emails < 12) == (RunStatus.STARTED, True)
    assert fake_openai.max_in_flight <= 2
    for run in (first, second):
        await eventually(lambda run=run: _ended(run.pk), timeout=20)  # type: ignore[misc]
    assert llm_turns.in_use == 0


async def _ended(run_id: int) -> bool:
    return (await ProcessingRun.objects.aget(pk=run_id)).status == RunStatus.FINISHED


# --- offers and claims (any database) -----------------------------------------------------------


def _offered_run(user: User, owner: str, *, in_line: bool) -> ProcessingRun:
    return ProcessingRun.objects.create(
        user=user,
        owner=owner,
        status=RunStatus.STARTED,
        phase=Phase.WAITING,
        waiting_ahead=0 if in_line else None,
        heartbeat_at=timezone.now(),
    )


def _users(count: int) -> list[User]:
    return [User.objects.create_user(f"share{index}@example.com", "pw-not-used-here") for index in range(count)]


def test_it_claims_a_run_waiting_in_a_full_process_line_once() -> None:
    (user,) = _users(1)
    run = _offered_run(user, "elsewhere:1:aaaa", in_line=True)
    claimed = sharing.claim_offered(5, poll=False)
    assert [(r.pk, previous) for r, previous in claimed] == [(run.pk, "elsewhere:1:aaaa")]
    row = ProcessingRun.objects.get(pk=run.pk)
    assert (row.owner, row.phase, row.waiting_ahead) == (OWNER_ID, Phase.LISTING, None)
    assert sharing.claim_offered(5, poll=False) == []  # not claimed twice


def test_it_takes_a_held_run_only_when_that_evens_the_load() -> None:
    users = _users(4)
    held = _offered_run(users[0], "busy:1:bbbb", in_line=False)
    # The busy process has just this run: taking it would only move the imbalance here.
    assert sharing.claim_offered(5, poll=False) == []
    for user in users[1:3]:
        ProcessingRun.objects.create(user=user, owner="busy:1:bbbb", status=RunStatus.STARTED, phase=Phase.CLASSIFYING)
    claimed = sharing.claim_offered(5, poll=False)
    assert [r.pk for r, _ in claimed] == [held.pk]


def test_it_skips_an_offered_run_with_a_cancel_recorded() -> None:
    (user,) = _users(1)
    run = _offered_run(user, "elsewhere:1:cccc", in_line=True)
    ProcessingRun.objects.filter(pk=run.pk).update(cancel_requested_at=timezone.now())
    assert sharing.claim_offered(5, poll=False) == []


def test_it_refuses_to_admit_a_run_another_process_claimed() -> None:
    user, other_user = _users(2)
    run = _offered_run(user, OWNER_ID, in_line=True)
    assert [r.pk for r, _ in sharing.claim_offered(5, poll=False, owner="other:2:dddd")] == [run.pk]
    assert sharing.admit_offered(run.pk) is False
    other = _offered_run(other_user, OWNER_ID, in_line=True)
    assert sharing.admit_offered(other.pk) is True
    assert ProcessingRun.objects.get(pk=other.pk).phase == Phase.LISTING


@pytest.mark.usefixtures("process_services", "fast_runs")
async def test_it_lets_a_run_go_when_another_process_claims_it_from_the_line(
    alice: User, bob: User, tmp_path: Path, fake_openai: FakeOpenAIServer, settings: Any
) -> None:
    fake_openai.latency = 60.0
    settings.LLM_CONCURRENCY = 1
    settings.RUNS_PER_PROCESS = 1
    write_mailbox(tmp_path / "box", 3)
    await runs.start_run(alice.pk, source=Source.MBOX, source_path=str(tmp_path / "box"), classifier="llm")
    await asyncio.to_thread(fake_openai.wait_for_requests, 1, 10.0)
    waiting = await runs.start_run(bob.pk, source=Source.MBOX, source_path=str(tmp_path / "box"), classifier="llm")

    async def in_line() -> bool:
        row = await ProcessingRun.objects.aget(pk=waiting.pk)
        return row.phase == Phase.WAITING and row.waiting_ahead == 0

    await eventually(in_line)
    claimed: list[int] = []

    async def claimed_it() -> bool:
        # SKIP LOCKED passes over the row while the heartbeat's UPDATE holds it: try again.
        claimed.extend(await asyncio.to_thread(_claim_as, "other:2:eeee"))
        return bool(claimed)

    await eventually(claimed_it)
    assert claimed == [waiting.pk]
    # The message from the claimer (here: the watcher's read of the owner) takes it out of the line.
    await eventually(lambda: slots.waiting == 0)
    row = await ProcessingRun.objects.aget(pk=waiting.pk)
    # Nothing recorded by the process that let it go: the claimer owns it now.
    assert (row.status, row.owner) == (RunStatus.STARTED, "other:2:eeee")
    assert len(fake_openai.requests) == 1
    await ProcessingRun.objects.filter(pk=waiting.pk).aupdate(status=RunStatus.INTERRUPTED)


def _claim_as(owner: str) -> list[int]:
    try:
        return [run.pk for run, _ in sharing.claim_offered(5, poll=False, owner=owner)]
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent row locks need PostgreSQL")
def test_it_gives_each_offered_run_to_exactly_one_of_two_concurrent_claimers() -> None:
    users = _users(12)
    offered = {_offered_run(user, "full:1:ffff", in_line=True).pk for user in users}
    claims = claim_concurrently(
        lambda index: [run.pk for run, _ in sharing.claim_offered(2, poll=False, owner=f"claimer:{index}:gggg")]
    )
    assert Counter(claims[0] + claims[1]) == Counter(dict.fromkeys(offered, 1))
    owners = dict(ProcessingRun.objects.values_list("pk", "owner"))
    for index in range(2):
        assert all(owners[pk] == f"claimer:{index}:gggg" for pk in claims[index])


# --- two daphne processes -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.skipif(
    connection.vendor != "postgresql" or not django_settings.REDIS_URL, reason="two processes need PostgreSQL + Redis"
)
def test_it_has_another_process_take_a_waiting_run_and_cancels_it_from_the_first() -> None:
    users = _users(2)
    sessions = []
    for user in users:
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies["sessionid"].value)
    # One LLM server per process: what B's run asks is told apart from A's own run.
    with FakeOpenAIServer(latency=0.3) as llm_a, FakeOpenAIServer(latency=0.3) as llm:
        env = {
            "DATABASE_URL": test_database_url(),
            "REDIS_URL": django_settings.REDIS_URL,
            "CLASSIFIER": "llm",
            "OPENAI_BASE_URL": llm.url,
            "OPENAI_API_KEY": "test-key",
            "RULES_SHORTCUT": "false",
            "LLM_CONCURRENCY": "1",
            "STORE_BATCH_SIZE": "1",
            "HEARTBEAT_SECONDS": "0.5",
        }
        a_env = {**env, "RUNS_PER_PROCESS": "1", "OPENAI_BASE_URL": llm_a.url}
        with DaphneServer(a_env) as a, DaphneServer(env) as b:
            assert a.process is not None
            assert b.process is not None
            with (
                closing(logged_in_client(a.url, sessions[0])) as first,
                closing(logged_in_client(a.url, sessions[1])) as second,
            ):
                for http in (first, second):
                    answer = http.post("/fetch-emails", data={"source": "demo"}, headers={"Accept": "application/json"})
                    assert answer.status_code == 200, answer.text
                run_ids = [ProcessingRun.objects.get(user=user).pk for user in users]
                sent = time.monotonic()
                # A is full with the first run: B claims the second from A's line.
                wait_until(
                    lambda: f":{b.process.pid}:" in ProcessingRun.objects.get(pk=run_ids[1]).owner,  # type: ignore[union-attr]
                    timeout=5,
                )
                taken_after = time.monotonic() - sent
                # B's worker pool starts with its first run: 10-25 s on a loaded machine.
                wait_until(lambda: ProcessingRun.objects.get(pk=run_ids[1]).processed_emails >= 2, timeout=90)
                assert f":{a.process.pid}:" in ProcessingRun.objects.get(pk=run_ids[0]).owner
                # Cancelled through A, where it was started and no longer runs.
                answer = second.post("/cancel-fetch-emails", headers={"Accept": "application/json"})
                answered = time.monotonic()
                assert answer.status_code == 200, answer.text
                assert answer.json()["status"] == "cancelled"
                row = ProcessingRun.objects.get(pk=run_ids[1])
                assert row.status == RunStatus.CANCELLED
                assert row.processed_emails == Email.objects.filter(user=users[1]).count() >= 2
                time.sleep(0.5)
                assert llm.count_started_after(answered) == 0
                assert ProcessingRun.objects.get(pk=run_ids[0]).status == RunStatus.STARTED
                first.post("/cancel-fetch-emails", headers={"Accept": "application/json"})
    # Generous for a loaded machine: the claim is woken by a message, not by the 2 s poll.
    assert taken_after < 3.0


# --- one LLM client per process ------------------------------------------------------------------


async def test_it_shares_one_llm_client_between_the_runs_of_a_loop(fake_openai: FakeOpenAIServer) -> None:
    from processing.classifier import strategy_for

    loop = asyncio.get_running_loop()
    first = await asyncio.to_thread(strategy_for, "llm", None, None, loop)
    second = await asyncio.to_thread(strategy_for, "llm", None, None, loop)
    own = strategy_for("llm")
    assert first.llm is not None
    assert first.llm is second.llm
    assert own.llm is not first.llm
    await first.aclose()  # a run ending leaves the shared client open for the others
    assert not first.llm.client.is_closed()
    await own.aclose()
    assert own.llm is not None
    assert own.llm.client.is_closed()
