"""Section 2: how fast a cancel stops a run, under real daphne servers.

Each cancel: start a run of the demo mailbox (every email to the slow fake LLM),
wait a random 50–400 ms, POST /cancel-fetch-emails and time it two ways:

* stored: until a thread polling the database sees the terminal status;
* answered: until the response arrives (it waits for the terminal status itself).

Then the fake LLM's log says whether any request started after the response (none
may) and what became of the requests in flight when the cancel was sent. In one
process the cancel reaches the task through the registry; across processes (start
on daphne A, cancel on daphne B, PostgreSQL + Redis) through the channel layer.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from bench.canceller import TERMINAL
from bench.harness import LLM_JITTER, LLM_LATENCY, Scale, make_user, say, session_for
from bench.report import Row, at_most, ms, percentile

if TYPE_CHECKING:
    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.live import DaphneServer


@dataclass
class Cancel:
    stored: float
    answered: float
    status_code: int
    final_status: str
    started_after_answer: int
    in_flight: int
    aborted: int
    owner_pid_ok: bool


class StatusPoller(threading.Thread):
    """Polls a run's status until it is terminal; `seen_at` is when it first was."""

    def __init__(self, run_id: int, timeout: float = 15.0) -> None:
        super().__init__(daemon=True)
        self.run_id = run_id
        self.timeout = timeout
        self.seen_at = 0.0
        self.status = ""

    def run(self) -> None:
        from bench.canceller import final_status

        seen_at, status = final_status(self.run_id, self.timeout)
        if status in TERMINAL:
            self.seen_at, self.status = seen_at, status


def run_in_process(scale: Scale) -> list[Row]:
    return _run(scale, cross=False)


def run_cross_process(scale: Scale) -> list[Row]:
    return _run(scale, cross=True)


def _run(scale: Scale, *, cross: bool) -> list[Row]:
    from django.db import connection

    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.live import DaphneServer, logged_in_client

    section = "2. Cancel, across processes" if cross else "2. Cancel, in one process"
    rng = random.Random(2)
    # One more user for the first cancel of the fresh processes, reported apart: it
    # includes one-off work (first connections, first use of the LLM client).
    users = [make_user(f"cancel-{index}@bench.example") for index in range(scale.cancels + 1)]
    sessions = [session_for(user) for user in users]
    results: list[Cancel] = []
    with FakeOpenAIServer(latency=LLM_LATENCY, jitter=LLM_JITTER) as llm:
        env = {**llm.env(), "RULES_SHORTCUT": "false"}
        servers = [DaphneServer(env)] + ([DaphneServer(env)] if cross else [])
        for server in servers:
            server.start()
        try:
            owner, canceller = servers[0], servers[-1]
            say(f"{scale.cancels} cancels, {connection.vendor}, {'two daphne processes' if cross else 'one daphne'}")
            for session in sessions:
                start_client = logged_in_client(owner.url, session)
                cancel_client = logged_in_client(canceller.url, session) if cross else start_client
                try:
                    results.append(_one(start_client, cancel_client, llm, rng, owner))
                finally:
                    start_client.close()
                    cancel_client.close()
        finally:
            for server in servers:
                server.stop()
    return _rows(section, results[1:], cross, cold=results[0])


def _one(
    start_client: httpx.Client,
    cancel_client: httpx.Client,
    llm: FakeOpenAIServer,
    rng: random.Random,
    owner: DaphneServer,
) -> Cancel:
    from processing.models import ProcessingRun

    json_headers = {"Accept": "application/json"}
    started = start_client.post("/fetch-emails", data={"source": "demo"}, headers=json_headers)
    if started.status_code != 200:
        raise RuntimeError(f"start answered {started.status_code}: {started.text[:200]}")
    run_id = int(started.json()["run_id"])
    time.sleep(rng.uniform(0.05, 0.4))
    poller = StatusPoller(run_id)
    poller.start()
    sent = time.monotonic()
    answer = cancel_client.post("/cancel-fetch-emails", headers=json_headers)
    answered = time.monotonic()
    poller.join()
    # A request that starts later than this would be one the cancel failed to prevent.
    time.sleep(0.3)
    log = llm.requests
    in_flight = [r for r in log if r.started_at <= sent and (r.finished_at is None or r.finished_at > sent)]
    run = ProcessingRun.objects.get(pk=run_id)
    pid = owner.process.pid if owner.process else 0
    return Cancel(
        stored=(poller.seen_at - sent) if poller.seen_at else float("nan"),
        answered=answered - sent,
        status_code=answer.status_code,
        final_status=run.status,
        started_after_answer=llm.count_started_after(answered),
        in_flight=len(in_flight),
        aborted=sum(1 for r in in_flight if r.aborted),
        owner_pid_ok=f":{pid}:" in run.owner,
    )


def _rows(section: str, results: list[Cancel], cross: bool, cold: Cancel) -> list[Row]:
    limit = 0.5 if cross else 0.1
    stored = [c.stored for c in results]
    answered = [c.answered for c in results]
    p99 = percentile(stored, 0.99)
    late = sum(c.started_after_answer for c in results)
    cancelled = sum(1 for c in results if c.status_code == 200 and c.final_status == "cancelled")
    in_flight = sum(c.in_flight for c in results)
    aborted = sum(c.aborted for c in results)
    where = "started on daphne A, cancelled on B (PostgreSQL + Redis)" if cross else "one daphne"
    if cross and not all(c.owner_pid_ok for c in results):
        where += "; WARNING: some runs were not owned by A"
    return [
        Row(
            section,
            f"cancel sent → final status stored, p50 / p99 / max ({len(results)} cancels)",
            f"{ms(percentile(stored, 0.5))} / {ms(p99)} / {ms(max(stored))}",
            p99,
            f"p99 ≤ {limit * 1000:.0f} ms",
            at_most(p99, limit),
            note=f"{where}; {cancelled}/{len(results)} answered 200 cancelled",
        ),
        Row(
            section,
            "cancel sent → response received, p50 / p99 / max",
            f"{ms(percentile(answered, 0.5))} / {ms(percentile(answered, 0.99))} / {ms(max(answered))}",
            percentile(answered, 0.99),
            note=f"before these, the first cancel of the fresh process(es): {ms(cold.stored)} stored, "
            f"{ms(cold.answered)} answered",
        ),
        Row(section, "LLM requests started after the cancel response", str(late), late, "0", late == 0),
        Row(
            section,
            "LLM requests in flight at the cancel that were aborted",
            f"{aborted} of {in_flight}",
            aborted,
            note="the others were answered before the cancel reached them" if aborted < in_flight else "",
        ),
    ]
