"""The worker process pool: messages are read in other processes, a message over the
CPU limit fails alone (its worker is replaced), runs are served round-robin, and a
cancelled await returns without waiting for the worker."""

from __future__ import annotations

import asyncio
import concurrent.futures
import math
import os
from pathlib import Path
from typing import Any

import pytest

from processing import pool
from processing.pool import MessageUnreadable, _FairQueue, _Job, get_pool
from processing.work import Plan, read_message
from tests.hostile import attribution_lines

DEMO = Path(__file__).resolve().parents[2] / "processing" / "demo" / "mailbox"
PLAN = Plan(llm=True, shortcut=False, budget_tokens=1500)


def _demo(name: str = "001-quillon-frontend-application.eml") -> bytes:
    return (DEMO / name).read_bytes()


async def _until(condition: Any, tries: int = 4000) -> None:
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("condition never became true")


async def test_it_reads_a_message_in_another_process() -> None:
    reading = await pool.run("run-1", read_message, _demo(), "m1", None, None, PLAN)
    assert reading.subject.startswith("Your application for Senior Frontend Engineer")
    assert reading.prepared.by_rules.status == "applied"
    assert reading.prepared.prompt.startswith("<email>")  # built there too: the LLM is to decide
    assert await pool.run("run-1", os.getpid) != os.getpid()


async def test_it_builds_no_prompt_when_the_rules_are_certain() -> None:
    plan = Plan(llm=True, shortcut=True, budget_tokens=1500)
    alert = _demo("002-linkedin-job-alert-software-engineer-berlin.eml")
    reading = await pool.run("run-1", read_message, alert, "m2", None, None, plan)
    assert reading.prepared.by_rules.certain
    assert (reading.prepared.prompt, reading.prepared.content_hash) == ("", "")


async def test_it_fails_a_message_over_the_cpu_limit_and_replaces_its_worker(settings: Any) -> None:
    settings.MESSAGE_CPU_SECONDS = 0.03
    before = get_pool().replaced
    with pytest.raises(MessageUnreadable) as caught:
        await pool.run("run-1", read_message, attribution_lines(), "slow", None, None, PLAN)
    assert caught.value.over_limit
    assert get_pool().replaced == before + 1
    # The next message gets a fresh worker and is read as usual.
    reading = await pool.run("run-1", read_message, _demo(), "m1", None, None, PLAN)
    assert reading.prepared.by_rules.status == "applied"


async def test_it_reads_several_messages_in_one_job_and_fails_only_the_one_over_the_limit(settings: Any) -> None:
    settings.MESSAGE_CPU_SECONDS = 0.05
    before = get_pool().replaced
    calls = [(_demo(), f"m{index}", None, None, PLAN) for index in range(3)]
    calls.insert(1, (attribution_lines(), "slow", None, None, PLAN))
    readings = await pool.run_each("run-1", read_message, calls)
    assert len(readings) == 4
    failed = readings[1]
    assert isinstance(failed, MessageUnreadable)
    assert failed.over_limit
    # The one before it was answered by the killed worker, the ones after by its replacement.
    for reading in (readings[0], *readings[2:]):
        assert not isinstance(reading, MessageUnreadable)
        assert reading.prepared.by_rules.status == "applied"
    assert get_pool().replaced == before + 1


async def test_it_gives_each_call_of_a_job_its_own_cpu_limit(settings: Any) -> None:
    # 60 messages of a few milliseconds each: together far over the limit, each well under it.
    settings.MESSAGE_CPU_SECONDS = 0.1
    before = get_pool().replaced
    calls = [(_demo(), f"m{index}", None, None, PLAN) for index in range(60)]
    readings = await pool.run_each("run-1", read_message, calls)
    assert [isinstance(reading, MessageUnreadable) for reading in readings] == [False] * 60
    assert get_pool().replaced == before


async def test_it_ends_a_job_stuck_in_c_code(settings: Any) -> None:
    # factorial never returns to the interpreter: only the kernel's CPU timer can stop it.
    settings.MESSAGE_CPU_SECONDS = 0.05
    with pytest.raises(MessageUnreadable) as caught:
        await pool.run("run-1", math.factorial, 50_000_000)
    assert caught.value.over_limit


async def test_it_returns_at_once_when_the_awaiting_task_is_cancelled(settings: Any) -> None:
    settings.MESSAGE_CPU_SECONDS = 0.5
    the_pool = get_pool()
    busy_before = the_pool.busy
    task = asyncio.create_task(pool.run("run-1", math.factorial, 50_000_000))
    await _until(lambda: the_pool.busy > busy_before)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # The job is still being computed: the cancel did not wait for it. It is abandoned,
    # and its worker ends at the CPU limit.
    assert the_pool.busy > busy_before


async def test_it_drops_the_queued_jobs_of_a_cancelled_run(settings: Any) -> None:
    settings.MESSAGE_CPU_SECONDS = 0.3
    the_pool = get_pool()
    # Fill every worker, then queue more behind them and cancel those awaits.
    holders = [asyncio.create_task(pool.run("holder", math.factorial, 50_000_000)) for _ in range(the_pool.size)]
    await _until(lambda: the_pool.busy >= the_pool.size)
    queued = [the_pool.submit("cancelled-run", os.getpid, cpu_seconds=1.0) for _ in range(3)]
    waiting = [asyncio.ensure_future(asyncio.wrap_future(future)) for future in queued]
    for task in waiting:
        task.cancel()
    await asyncio.gather(*waiting, return_exceptions=True)
    await asyncio.gather(*holders, return_exceptions=True)
    await pool.run("after", os.getpid)  # the workers are free again
    assert all(future.cancelled() for future in queued)  # never sent to a worker


def _job(name: str) -> _Job:
    return _Job(concurrent.futures.Future(), str, (name,), 1.0)


def test_it_serves_runs_round_robin() -> None:
    queue = _FairQueue()
    for name in ["a1", "a2", "a3", "b1", "b2", "c1"]:
        queue.put(name[0], _job(name))
    order = []
    while len(queue):
        job = queue.get()
        assert job is not None
        order.append(job.args[0])
    assert order == ["a1", "b1", "c1", "a2", "b2", "a3"]


async def test_its_workers_start_with_the_pool_not_with_the_first_job() -> None:
    import multiprocessing

    def workers() -> set[int]:
        return {p.pid or 0 for p in multiprocessing.active_children() if p.name == "jobtrail-worker"}

    before = workers()
    fresh = pool.WorkerPool(1)
    try:
        await _until(lambda: workers() - before)
        assert fresh.busy == 0  # no job was sent
    finally:
        fresh.shutdown()
