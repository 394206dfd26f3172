"""Section 10: twenty runs at once, shared fairly in one process and across two.

`sharing` (issue 17, item 1): twenty users start a run of the demo mailbox at the same
moment on one daphne (every email to the fake LLM, LLM_CONCURRENCY=8), twice: without
and with a CPU-bound process (`python -c 'while True: pass'`) hogging a core. Each time:

* the CPU limit: the same twenty runs against an LLM that answers at once, so only the
  machine's CPU bounds the rate (emails/s while all twenty are going);
* with the LLM at 400 ms: seconds from the start to each run's first stored email, the
  rate against min(LLM limit, CPU limit) where the LLM limit is LLM_CONCURRENCY / latency
  LLM calls per second (in emails: times the emails per LLM call measured, since the
  per-user cache answers repeated templates), the loop's lag inside daphne, and cancels:
  runs cancelled one at a time on the same daphne, and through a second daphne (which
  takes no runs itself, TAKE_WAITING_RUNS=false), each restarted at once so twenty stay
  at work.

`sharing-cross` (item 2): two daphnes on PostgreSQL + Redis, all twenty runs started
through A: how soon B works on one, how the runs spread, and whether a run ever waited
while a process had room; once at the default RUNS_PER_PROCESS and once at 8 per
process (16 slots for 20 runs: four must wait, only while both are full).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.canceller import Canceller
from bench.harness import LLM_JITTER, LLM_LATENCY, Scale, make_user, say, session_for
from bench.report import Row, at_least, at_most, ms, percentile

SECTION = "10. Sharing, 20 runs on one daphne"
SECTION_CROSS = "10. Sharing, two daphnes"
_JSON = {"Accept": "application/json"}
RUNS = 20
CONCURRENCY = 8
#: Throughput is counted from this long after the starts (each run lists and loads first).
WARM_UP = 2.0


def _load() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


@contextlib.contextmanager
def cpu_hog(enabled: bool) -> Iterator[None]:
    if not enabled:
        yield
        return
    process = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        process.kill()
        process.wait()


def _processed(run_ids: list[int]) -> int:
    from processing.models import ProcessingRun

    return sum(ProcessingRun.objects.filter(pk__in=run_ids).values_list("processed_emails", flat=True))


def _all_started(run_ids: list[int]) -> bool:
    from processing.models import ProcessingRun, RunStatus

    return ProcessingRun.objects.filter(pk__in=run_ids, status=RunStatus.STARTED).count() == len(run_ids)


def _start_all(clients: list[httpx.Client]) -> tuple[float, list[int]]:
    """Start one run per client at the same moment; returns the wall-clock start and the run ids."""
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        since = time.time()
        answers = list(pool.map(lambda c: c.post("/fetch-emails", data={"source": "demo"}, headers=_JSON), clients))
    refused = [a.status_code for a in answers if a.status_code != 200]
    if refused:
        raise RuntimeError(f"{len(refused)} runs did not start: {refused[:5]} {answers[0].text[:200]}")
    return since, [int(a.json()["run_id"]) for a in answers]


def _warm_up(url: str) -> float:
    """One run until its first email is stored, then cancelled: the process's one-off start
    (its worker pool's forkserver importing the classifiers, the first LLM client) is not
    counted against the twenty runs. Returns how long it took."""
    from processing.models import ProcessingRun

    session = session_for(make_user(f"warm-{time.monotonic_ns()}@bench.example"))
    with contextlib.closing(_client(url, session)) as client:
        started = time.monotonic()
        answer = client.post("/fetch-emails", data={"source": "demo"}, headers=_JSON)
        run_id = int(answer.json()["run_id"])
        while time.monotonic() - started < 120:
            if ProcessingRun.objects.filter(pk=run_id, processed_emails__gt=0).exists():
                break
            time.sleep(0.1)
        took = time.monotonic() - started
        client.post("/cancel-fetch-emails", headers=_JSON)
    return took


def _client(url: str, session: str) -> httpx.Client:
    from tests.live import logged_in_client

    return logged_in_client(url, session)


def _cancel_all(clients: list[httpx.Client]) -> None:
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        list(pool.map(lambda c: c.post("/cancel-fetch-emails", headers=_JSON), clients))


def _rate(run_ids: list[int], seconds: float) -> tuple[float, int]:
    """Emails per second while all runs are going, after WARM_UP, for at most `seconds`."""
    started = time.monotonic()
    time.sleep(WARM_UP)
    before, at = _processed(run_ids), time.monotonic()
    after, end = before, at
    while time.monotonic() - started < seconds and _all_started(run_ids):
        time.sleep(0.25)
        after, end = _processed(run_ids), time.monotonic()
    return (after - before) / max(end - at, 0.001), after


@dataclass
class Load:
    hog: bool
    cpu_limit: float = 0.0
    rate: float = 0.0
    calls_per_email: float = 0.0
    first_email: list[float] = field(default_factory=list)
    lag: dict[str, float] = field(default_factory=dict)
    cancels: list[float] = field(default_factory=list)
    cross_cancels: list[float] = field(default_factory=list)
    cancel_status: list[str] = field(default_factory=list)
    load: str = ""
    warm_up: float = 0.0


def _users(prefix: str, count: int) -> list[str]:
    return [session_for(make_user(f"{prefix}-{index}@bench.example")) for index in range(count)]


def _cpu_limit(scale: Scale, hog: bool) -> float:
    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.live import DaphneServer, logged_in_client

    sessions = _users(f"cpu{int(hog)}", RUNS)
    with FakeOpenAIServer(latency=0.0, jitter=0.0) as llm:
        env = {**llm.env(), "RULES_SHORTCUT": "false", "LLM_CONCURRENCY": str(CONCURRENCY)}
        with DaphneServer(env) as server, cpu_hog(hog):
            say(f"  warm-up run: {_warm_up(server.url):.1f} s to its first email")
            clients = [logged_in_client(server.url, session) for session in sessions]
            try:
                _, run_ids = _start_all(clients)
                rate, _ = _rate(run_ids, scale.loop_seconds)
                _cancel_all(clients)
            finally:
                for client in clients:
                    client.close()
    return rate


def _first_emails(run_ids: list[int], since: float) -> list[float]:
    from django.db.models import Min

    from dashboard.models import Email
    from processing.models import ProcessingRun

    users = dict(ProcessingRun.objects.filter(pk__in=run_ids).values_list("user_id", "pk"))
    firsts = dict(
        Email.objects.filter(user_id__in=users)
        .values("user_id")
        .annotate(first=Min("created_at"))
        .values_list("user_id", "first")
    )
    return [firsts[user].timestamp() - since if user in firsts else float("inf") for user in users]


def _one_cancel(
    canceller: Canceller, server: int, user: int, starter: httpx.Client, run_id: int
) -> tuple[float, str, int]:
    """User `user` cancels `run_id` through `server` (0: the run's daphne, 1: the other); returns
    seconds until its final status was stored, that status, and the user's restarted run."""
    stored, status = canceller.until_stored(user, server, run_id)
    # Twenty stay at work: the user starts again (it resumes).
    again = starter.post("/fetch-emails", data={"source": "demo"}, headers=_JSON)
    return stored, status, int(again.json()["run_id"]) if again.status_code == 200 else run_id


def _with_llm(scale: Scale, hog: bool, result: Load) -> None:
    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.live import DaphneServer, logged_in_client

    sessions = _users(f"llm{int(hog)}", RUNS)
    staff = session_for(make_user(f"sharing-staff{int(hog)}@bench.example", staff=True))
    with FakeOpenAIServer(latency=LLM_LATENCY, jitter=LLM_JITTER) as llm:
        env = {**llm.env(), "RULES_SHORTCUT": "false", "LOOP_LAG_MONITOR": "true", "LLM_CONCURRENCY": str(CONCURRENCY)}
        with (
            DaphneServer(env) as server,
            DaphneServer({**env, "TAKE_WAITING_RUNS": "false"}) as other,
            cpu_hog(hog),
        ):
            result.warm_up = _warm_up(server.url)
            say(f"  warm-up run: {result.warm_up:.1f} s to its first email")
            clients = [logged_in_client(server.url, session) for session in sessions]
            canceller = Canceller([server.url, other.url], sessions)
            observer = logged_in_client(server.url, staff)
            try:
                since, run_ids = _start_all(clients)
                calls_before = len(llm.requests)
                rate, _ = _rate(run_ids, scale.loop_seconds)
                processed = _processed(run_ids)
                calls = len(llm.requests) - calls_before
                result.rate = rate
                result.calls_per_email = calls / max(processed, 1)
                result.first_email = _first_emails(run_ids, since)
                result.lag = observer.get("/debug/loop-lag", params={"since": since}).json()
                result.load = _load()
                cancels = max(4, scale.cancels // 2)
                current = list(run_ids)
                for index in range(2 * cancels):
                    user = index % RUNS
                    cross = index % 2 == 1  # alternate, so both kinds meet the same load
                    stored, status, current[user] = _one_cancel(
                        canceller, 1 if cross else 0, user, clients[user], current[user]
                    )
                    (result.cross_cancels if cross else result.cancels).append(stored)
                    result.cancel_status.append(status)
                    time.sleep(0.1)
                _cancel_all(clients)
            finally:
                canceller.close()
                for client in [*clients, observer]:
                    client.close()


def run(scale: Scale) -> list[Row]:
    from django.db import connection

    rows: list[Row] = []
    for hog in (False, True):
        say(f"{RUNS} runs on one daphne ({connection.vendor}){' with a CPU hog' if hog else ''}: CPU limit")
        result = Load(hog=hog)
        result.cpu_limit = _cpu_limit(scale, hog)
        say(f"  CPU limit {result.cpu_limit:.1f} emails/s; now with the LLM at {LLM_LATENCY * 1000:.0f} ms")
        _with_llm(scale, hog, result)
        rows.extend(_rows(result))
    return rows


def _rows(result: Load) -> list[Row]:
    where = "with a core hogged" if result.hog else "quiet"
    llm_calls_limit = CONCURRENCY / LLM_LATENCY
    llm_limit = llm_calls_limit / max(result.calls_per_email, 1e-9)
    bound = min(llm_limit, result.cpu_limit)
    slowest = max(result.first_email)
    p99 = result.lag.get("p99_ms", float("nan")) / 1000
    cancel_p99 = percentile(result.cancels, 0.99)
    cross_p99 = percentile(result.cross_cancels, 0.99)
    cancelled = sum(1 for status in result.cancel_status if status == "cancelled")
    return [
        Row(
            SECTION,
            f"start → first stored email, slowest of {RUNS} runs ({where})",
            f"{slowest:.2f} s (median {percentile(result.first_email, 0.5):.2f} s)",
            slowest,
            "≤ 5 s",
            at_most(slowest, 5.0),
            note=f"load average {result.load}; after a warm-up run ({result.warm_up:.1f} s to its first email: "
            "the process's one-off start of its worker pool)",
        ),
        Row(
            SECTION,
            f"throughput vs min(LLM limit, CPU limit) ({where})",
            f"{result.rate:.1f} emails/s vs min({llm_limit:.1f}, {result.cpu_limit:.1f}) = {result.rate / bound:.2f}×",
            result.rate / bound,
            "≥ 0.8×",
            at_least(result.rate / bound, 0.8),
            note=f"LLM limit {CONCURRENCY}/{LLM_LATENCY:g} s = {llm_calls_limit:.0f} calls/s at "
            f"{result.calls_per_email:.2f} calls per email (the rest from the per-user cache); "
            "CPU limit: the same runs with an instant LLM",
        ),
        Row(
            SECTION,
            f"event-loop lag p50 / p99 / max ({where})",
            f"{ms(result.lag.get('p50_ms', 0) / 1000)} / {ms(p99)} / {ms(result.lag.get('max_ms', 0) / 1000)}",
            p99,
            "p99 ≤ 50 ms",
            at_most(p99, 0.05),
            note=f"{result.lag.get('samples', 0)} samples",
        ),
        Row(
            SECTION,
            f"cancel sent → final status stored, same daphne, p50 / p99 ({where})",
            f"{ms(percentile(result.cancels, 0.5))} / {ms(cancel_p99)} ({len(result.cancels)} cancels)",
            cancel_p99,
            "p99 ≤ 100 ms",
            at_most(cancel_p99, 0.1),
            note=f"{cancelled}/{len(result.cancel_status)} cancels of both kinds ended `cancelled`",
        ),
        Row(
            SECTION,
            f"cancel sent → final status stored, through another daphne, p50 / p99 ({where})",
            f"{ms(percentile(result.cross_cancels, 0.5))} / {ms(cross_p99)} ({len(result.cross_cancels)} cancels)",
            cross_p99,
            "p99 ≤ 500 ms",
            at_most(cross_p99, 0.5),
        ),
    ]


# --- two daphnes ----------------------------------------------------------------------------------


def _spread(run_ids: list[int]) -> list[tuple[str, str, Any, Any]]:
    from processing.models import ProcessingRun, RunStatus

    return list(
        ProcessingRun.objects.filter(pk__in=run_ids, status=RunStatus.STARTED).values_list(
            "owner", "phase", "waiting_ahead", "started_at"
        )
    )


def _cross(scale: Scale, per_process: int | None) -> list[Row]:
    from django.conf import settings

    from processing.models import Phase
    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.live import DaphneServer, logged_in_client

    label = f"RUNS_PER_PROCESS={per_process}" if per_process else "default RUNS_PER_PROCESS"
    sessions = _users(f"cross{per_process or 0}", RUNS)
    with FakeOpenAIServer(latency=LLM_LATENCY, jitter=LLM_JITTER) as llm:
        env = {**llm.env(), "RULES_SHORTCUT": "false", "LLM_CONCURRENCY": str(CONCURRENCY)}
        if per_process:
            env["RUNS_PER_PROCESS"] = str(per_process)
        with DaphneServer(env) as a, DaphneServer(env) as b:
            assert b.process is not None
            b_mark = f":{b.process.pid}:"
            warm = [_warm_up(a.url), _warm_up(b.url)]
            say(f"  warm-up runs: {warm[0]:.1f} s on A, {warm[1]:.1f} s on B to their first email")
            clients = [logged_in_client(a.url, session) for session in sessions]
            try:
                say(f"{RUNS} runs started through daphne A of two ({label})")
                started = time.monotonic()
                _, run_ids = _start_all(clients)
                b_working_at = float("nan")
                violations = samples = most_b = 0
                waiting_since: dict[Any, float] = {}
                room_since: dict[str, float] = {}
                limit = per_process or int(settings.RUNS_PER_PROCESS)  # the daphnes' default is this machine's too
                while time.monotonic() - started < min(scale.loop_seconds, 20.0) and _all_started(run_ids):
                    now = time.monotonic()
                    spread = _spread(run_ids)
                    working: dict[str, int] = {}
                    for owner, phase, _ahead, _at in spread:
                        if phase != Phase.WAITING:
                            working[owner] = working.get(owner, 0) + 1
                    on_b = sum(count for owner, count in working.items() if b_mark in owner)
                    most_b = max(most_b, on_b)
                    if on_b and b_working_at != b_working_at:
                        b_working_at = now - started
                    # A run waiting (in a line, or held longer than any hold) while a process
                    # has had room for more than a second: the claim should have come by then.
                    waiting = {at for _owner, phase, _ahead, at in spread if phase == Phase.WAITING}
                    waiting_since = {at: waiting_since.get(at, now) for at in waiting}
                    # Rebuilt from this sample's owners: the stand-in for "a process with no
                    # run yet" must go once both processes have runs (it stayed before, and
                    # counted as a process with room for the rest of the measurement).
                    room_since = {
                        owner: room_since.get(owner, now)
                        for owner in _owners(spread, 2)
                        if working.get(owner, 0) < limit
                    }
                    long_waiting = any(now - since > 1.0 for since in waiting_since.values())
                    long_room = any(now - since > 1.0 for since in room_since.values())
                    samples += 1
                    if long_waiting and long_room:
                        violations += 1
                    time.sleep(0.05)
                rate, _ = _processed(run_ids) / max(time.monotonic() - started, 0.001), 0
                _cancel_all(clients)
            finally:
                for client in clients:
                    client.close()
    return [
        Row(
            SECTION_CROSS,
            f"all {RUNS} started through A: B works on one after ({label})",
            f"{b_working_at:.2f} s",
            b_working_at,
            "≤ 2 s",
            at_most(b_working_at, 2.0),
            note=f"at most {most_b} of {RUNS} on B; {rate:.1f} emails/s in total; load average {_load()}",
        ),
        Row(
            SECTION_CROSS,
            f"samples where a run waited > 1 s while a process had had room for > 1 s ({label})",
            f"{violations} of {samples}",
            violations,
            "0",
            violations == 0,
        ),
    ]


def _owners(spread: list[tuple[str, str, Any, Any]], expected: int) -> list[str]:
    owners = sorted({owner for owner, *_ in spread})
    # A process with no run at all has room too: it is not in the table.
    return owners + [""] * max(0, expected - len(owners))


def run_cross(scale: Scale) -> list[Row]:
    return [*_cross(scale, None), *_cross(scale, 8)]
