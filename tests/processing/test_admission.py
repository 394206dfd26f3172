"""Admission: at most RUNS_PER_PROCESS runs work at once; the others wait in line.

RUNS_PER_PROCESS is set low here on purpose (its default is many runs): the line is what is tested.

The runs use the LLM classifier against the loopback OpenAI server with a long
latency and LLM_CONCURRENCY=1, so an admitted run holds exactly one request in
flight for as long as the test needs: the server's request log says which runs
work, the database says which wait and where they are in line.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from accounts.models import User
from processing import runs
from processing.admission import Slots, slots
from processing.db import run_db
from processing.models import CancelReason, Phase, ProcessingRun, RunStatus, Source
from processing.registry import registry
from tests.factories import write_mailbox
from tests.fakes.openai_server import FakeOpenAIServer
from tests.sockets import signed_in_socket
from tests.waiting import eventually

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("process_services", "fast_runs")]


@pytest.fixture
def blocking_llm(fake_openai: FakeOpenAIServer, settings: Any) -> FakeOpenAIServer:
    """Every LLM request stays in flight until its run is cancelled."""
    fake_openai.latency = 60.0
    settings.LLM_CONCURRENCY = 1
    settings.RUNS_PER_PROCESS = 1
    return fake_openai


@pytest.fixture
def mailbox(tmp_path: Path) -> Path:
    write_mailbox(tmp_path / "box", 5)
    return tmp_path / "box"


@pytest.fixture
def users(db: None) -> list[User]:
    return [User.objects.create_user(f"user{index}@example.com", "pw-not-used-here") for index in range(4)]


async def _start(user: User, folder: Path) -> ProcessingRun:
    return await runs.start_run(user.pk, source=Source.MBOX, source_path=str(folder), classifier="llm")


async def _row(run: ProcessingRun) -> ProcessingRun:
    return await ProcessingRun.objects.aget(pk=run.pk)


async def _waiting_with(run: ProcessingRun, ahead: int) -> bool:
    row = await _row(run)
    return row.phase == Phase.WAITING and row.waiting_ahead == ahead


async def _requests(llm: FakeOpenAIServer, count: int) -> None:
    await asyncio.to_thread(llm.wait_for_requests, count, 10.0)


# --- the line itself ------------------------------------------------------------------------


async def _working_then_waiting(
    users: list[User], mailbox: Path, llm: FakeOpenAIServer
) -> tuple[ProcessingRun, ProcessingRun]:
    """One run holding the only slot (its first LLM request in flight), one waiting next in line."""
    working = await _start(users[0], mailbox)
    await _requests(llm, 1)
    waiting = await _start(users[1], mailbox)
    await eventually(lambda: _waiting_with(waiting, 0))
    return working, waiting


async def test_it_admits_waiting_runs_first_come_first_served(settings: Any) -> None:
    settings.RUNS_PER_PROCESS = 1
    line = Slots()
    entered: list[int] = []
    release = {run_id: asyncio.Event() for run_id in range(1, 5)}

    async def report(ahead: int | None) -> None:
        return None

    async def run(run_id: int) -> None:
        async with line.slot(run_id, report):
            entered.append(run_id)
            await release[run_id].wait()

    tasks = []
    for run_id in range(1, 5):
        tasks.append(asyncio.create_task(run(run_id)))
        await asyncio.sleep(0)  # each reaches the line before the next starts
    await asyncio.sleep(0.01)
    assert (entered, line.active, line.waiting_ids()) == ([1], 1, [2, 3, 4])
    for run_id in (1, 2, 3):
        release[run_id].set()
        await asyncio.sleep(0.01)
    assert entered == [1, 2, 3, 4]
    release[4].set()
    await asyncio.gather(*tasks)
    assert (line.active, line.waiting) == (0, 0)


async def test_it_reports_the_place_in_line_until_admitted(settings: Any) -> None:
    settings.RUNS_PER_PROCESS = 1
    line = Slots()
    reports: list[int | None] = []
    gates = {run_id: asyncio.Event() for run_id in range(1, 4)}

    async def quiet(ahead: int | None) -> None:
        return None

    async def noted(ahead: int | None) -> None:
        reports.append(ahead)

    async def run(run_id: int, report: Callable[[int | None], Awaitable[None]]) -> None:
        async with line.slot(run_id, report):
            await gates[run_id].wait()

    first = asyncio.create_task(run(1, quiet))
    second = asyncio.create_task(run(2, quiet))
    await asyncio.sleep(0)
    third = asyncio.create_task(run(3, noted))
    await asyncio.sleep(0.01)
    assert reports == [1]
    second.cancel()  # leaving the line moves those behind up
    await asyncio.sleep(0.01)
    assert reports == [1, 0]
    gates[1].set()
    await asyncio.sleep(0.01)
    assert reports == [1, 0, None]
    assert line.waiting_ids() == []
    gates[3].set()
    await asyncio.gather(first, third)
    with pytest.raises(asyncio.CancelledError):
        await second
    assert (line.active, line.waiting) == (0, 0)


# --- runs -------------------------------------------------------------------------------------


async def test_it_makes_runs_beyond_the_limit_wait_in_the_order_they_started(
    users: list[User], mailbox: Path, blocking_llm: FakeOpenAIServer
) -> None:
    first = await _start(users[0], mailbox)
    await _requests(blocking_llm, 1)
    waiting = [await _start(user, mailbox) for user in users[1:]]
    for ahead, run in enumerate(waiting):
        await eventually(lambda run=run, ahead=ahead: _waiting_with(run, ahead))  # type: ignore[misc]
    for run in waiting:
        row = await _row(run)
        assert (row.status, row.total_emails, row.processed_emails) == (RunStatus.STARTED, None, 0)
    assert len(blocking_llm.requests) == 1  # only the first run works

    await runs.cancel_run(user_id=users[0].pk)
    await _requests(blocking_llm, 2)  # the next in line started
    assert (await _row(waiting[0])).phase != Phase.WAITING
    await eventually(lambda: _waiting_with(waiting[1], 0))
    await eventually(lambda: _waiting_with(waiting[2], 1))
    assert (await _row(first)).status == RunStatus.CANCELLED


async def test_it_never_runs_more_than_the_limit_at_once(
    users: list[User], mailbox: Path, blocking_llm: FakeOpenAIServer, settings: Any
) -> None:
    settings.RUNS_PER_PROCESS = 2
    started = [await _start(user, mailbox) for user in users]
    await _requests(blocking_llm, 1)
    await eventually(lambda: _waiting_with(started[3], 1))
    assert (slots.active, slots.waiting_ids()) == (2, [started[2].pk, started[3].pk])
    for run in started[:2]:
        assert (await _row(run)).phase != Phase.WAITING
    # LLM_CONCURRENCY is the process's, not each run's: the two working runs share one request.
    assert blocking_llm.in_flight() == 1
    assert len(blocking_llm.requests) == 1

    await runs.cancel_run(user_id=users[1].pk)

    async def admitted() -> bool:
        return (await _row(started[2])).phase != Phase.WAITING

    await eventually(admitted)
    assert (slots.active, slots.waiting_ids()) == (2, [started[3].pk])
    await eventually(lambda: _waiting_with(started[3], 0))
    assert blocking_llm.in_flight() == 1


async def test_it_cancels_a_waiting_run_at_once(
    users: list[User], mailbox: Path, blocking_llm: FakeOpenAIServer
) -> None:
    first = await _start(users[0], mailbox)
    await _requests(blocking_llm, 1)
    second = await _start(users[1], mailbox)
    third = await _start(users[2], mailbox)
    await eventually(lambda: _waiting_with(third, 1))

    outcome = await runs.cancel_run(user_id=users[1].pk, requested_by_id=users[1].pk)

    assert outcome.http_status == 200
    assert outcome.run is not None
    assert (outcome.run.status, outcome.run.processed_emails) == (RunStatus.CANCELLED, 0)
    # Answered while the active run's only request is still in flight: the cancel
    # waited for nothing that run does.
    assert (blocking_llm.in_flight(), len(blocking_llm.requests)) == (1, 1)
    row = await _row(second)
    assert (row.status, row.cancel_reason, row.cancel_requested_by_id) == (
        RunStatus.CANCELLED,
        CancelReason.USER,
        users[1].pk,
    )
    assert registry.get(second.pk) is None
    await eventually(lambda: _waiting_with(third, 0))
    assert (await _row(first)).status == RunStatus.STARTED


async def test_it_keeps_the_heartbeat_of_a_waiting_run(
    users: list[User], mailbox: Path, blocking_llm: FakeOpenAIServer, settings: Any
) -> None:
    settings.RUN_LEASE_SECONDS = 1
    _working, waiting = await _working_then_waiting(users, mailbox, blocking_llm)
    first_beat = (await _row(waiting)).heartbeat_at

    async def beaten() -> bool:
        return (await _row(waiting)).heartbeat_at > first_beat

    await eventually(beaten)
    # Older than the lease by now: without heartbeats the sweeper would retire it.
    await asyncio.sleep(max(0.0, settings.RUN_LEASE_SECONDS + 0.2 - (time.time() - waiting.started_at.timestamp())))
    assert await run_db(runs.sweep_stale_runs) == []
    row = await _row(waiting)
    assert (row.status, row.phase) == (RunStatus.STARTED, Phase.WAITING)


async def test_it_interrupts_waiting_runs_on_shutdown_like_active_ones(
    users: list[User], mailbox: Path, blocking_llm: FakeOpenAIServer
) -> None:
    active, waiting = await _working_then_waiting(users, mailbox, blocking_llm)

    await runs.stop_all_runs()

    for run in (active, waiting):
        row = await _row(run)
        assert (row.status, row.cancel_reason) == (RunStatus.INTERRUPTED, CancelReason.SHUTDOWN)
    assert len(registry) == 0
    assert (slots.active, slots.waiting) == (0, 0)


async def test_it_pushes_the_waiting_phase_to_the_processing_page(
    users: list[User], mailbox: Path, blocking_llm: FakeOpenAIServer
) -> None:
    communicator = await signed_in_socket(users[1])
    try:
        connected, _ = await communicator.connect()
        assert connected
        assert "Nothing is being processed" in await communicator.receive_from(timeout=5)
        await _start(users[0], mailbox)
        await _requests(blocking_llm, 1)
        await _start(users[1], mailbox)
        fragment = ""
        while "Waiting for a free slot" not in fragment:
            fragment = await communicator.receive_from(timeout=5)
        assert "Waiting for a free slot (next in line)" in fragment
        assert 'id="waiting-note"' in fragment

        await runs.cancel_run(user_id=users[0].pk)
        while "Waiting for a free slot" in fragment:
            fragment = await communicator.receive_from(timeout=5)
        assert 'id="waiting-note"' not in fragment
        assert 'data-status="started"' in fragment
    finally:
        await communicator.disconnect()


# --- cancelling in this process ---------------------------------------------------------------


async def test_it_delivers_an_in_process_cancel_before_reading_the_database(
    alice: User, mailbox: Path, blocking_llm: FakeOpenAIServer
) -> None:
    run = await _start(alice, mailbox)
    await _requests(blocking_llm, 1)
    handle = registry.get(run.pk)
    assert handle is not None
    cancelling = asyncio.create_task(runs.cancel_run(user_id=alice.pk, requested_by_id=alice.pk))
    # One turn of the loop: cancel_run runs up to its first await, the database read.
    await asyncio.sleep(0)
    assert handle.cancel_requested
    outcome = await cancelling
    assert outcome.http_status == 200
    row = await _row(run)
    assert (row.status, row.cancel_reason, row.cancel_requested_by_id) == (
        RunStatus.CANCELLED,
        CancelReason.USER,
        alice.pk,
    )


async def test_it_leaves_another_users_run_alone_when_cancelling_by_run_id(
    alice: User, bob: User, mailbox: Path, blocking_llm: FakeOpenAIServer
) -> None:
    run = await _start(alice, mailbox)
    await _requests(blocking_llm, 1)
    outcome = await runs.cancel_run(user_id=bob.pk, run_id=run.pk)
    assert outcome.http_status == 404
    handle = registry.get(run.pk)
    assert handle is not None
    assert not handle.cancel_requested
    assert (await _row(run)).status == RunStatus.STARTED


async def test_a_slot_held_for_a_run_another_process_took_goes_to_the_line(settings: Any) -> None:
    settings.RUNS_PER_PROCESS = 2
    line = Slots()
    entered: list[int] = []
    done = asyncio.Event()

    async def report(ahead: int | None) -> None:
        return None

    async def run(run_id: int) -> None:
        # Held (offered to other processes) for far longer than the test: only a claim ends it.
        async with line.slot(run_id, report, hold=60.0):
            entered.append(run_id)
            await done.wait()

    tasks = [asyncio.create_task(run(run_id)) for run_id in (1, 2, 3, 4)]
    await asyncio.sleep(0.01)
    assert (line.load, line.waiting_ids()) == (2, [3, 4])  # 1 and 2 held, 3 and 4 in line
    for run_id in (1, 2):
        assert line.withdraw(run_id)  # another process claimed it
    await asyncio.sleep(0.01)
    assert sorted(entered) == [3, 4]
    assert (line.active, line.waiting) == (2, 0)
    done.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert [type(result).__name__ for result in results] == ["Transferred", "Transferred", "NoneType", "NoneType"]
