"""Section 3: is one daphne process still responsive while it runs 20 mailboxes at once?

Twenty users each start a run of the demo mailbox (every email to the slow fake
LLM) on the same daphne process. Inside the server, the opt-in lag monitor
(LOOP_LAG_MONITOR, processing.lifecycle) records how late a 50 ms sleep wakes up;
outside, one user keeps loading GET /processing and its response times are kept.
Up to RUNS_PER_PROCESS runs work at once and share the process's LLM requests
round-robin (processing.admission); any beyond it wait for a slot. The section starts
all twenty at once, measures until the first of them ends, and says how many worked
and how many waited. Section 10 (bench.sharing) measures the sharing itself.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from bench.harness import LLM_JITTER, LLM_LATENCY, Scale, make_user, say, session_for
from bench.report import Row, at_most, ms, percentile

SECTION = "3. Event loop, 20 runs"
_JSON = {"Accept": "application/json"}


def _running(run_ids: list[int]) -> int:
    from processing.models import ProcessingRun, RunStatus

    return ProcessingRun.objects.filter(pk__in=run_ids, status=RunStatus.STARTED).count()


def _started_and_waiting(run_ids: list[int]) -> tuple[int, int]:
    """How many runs are still started, and how many of those wait for a slot instead of working."""
    from django.db.models import Count, Q

    from processing.models import Phase, ProcessingRun, RunStatus

    counts = ProcessingRun.objects.filter(pk__in=run_ids, status=RunStatus.STARTED).aggregate(
        started=Count("pk"), waiting=Count("pk", filter=Q(phase=Phase.WAITING))
    )
    return counts["started"], counts["waiting"]


class PageProber(threading.Thread):
    """Loads a page over and over (100 ms apart) until stopped; keeps each response time."""

    def __init__(self, client: httpx.Client, path: str) -> None:
        super().__init__(daemon=True)
        self.client = client
        self.path = path
        self.times: list[float] = []
        self.failures = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                response = self.client.get(self.path)
            except httpx.HTTPError:
                if self.stop.is_set():
                    return  # the client was closed under a request that no longer counts
                raise
            elapsed = time.perf_counter() - started
            if self.stop.is_set():
                return
            if response.status_code == 200:
                self.times.append(elapsed)
            else:
                self.failures += 1
            self.stop.wait(0.1)


def run(scale: Scale) -> list[Row]:
    from django.conf import settings
    from django.db import connection

    from processing.models import ProcessingRun
    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.live import DaphneServer, logged_in_client

    count = scale.concurrent_runs
    users = [make_user(f"loop-{index}@bench.example") for index in range(count)]
    sessions = [session_for(user) for user in users]
    staff = session_for(make_user("loop-staff@bench.example", staff=True))
    with FakeOpenAIServer(latency=LLM_LATENCY, jitter=LLM_JITTER) as llm:
        env = {**llm.env(), "RULES_SHORTCUT": "false", "LOOP_LAG_MONITOR": "true"}
        with DaphneServer(env) as server:
            clients = [logged_in_client(server.url, session) for session in sessions]
            observer = logged_in_client(server.url, staff)
            try:
                say(f"{count} concurrent runs on one daphne ({connection.vendor})")
                since = time.time()
                started = time.monotonic()
                prober = PageProber(clients[0], "/processing")
                prober.start()
                with ThreadPoolExecutor(max_workers=count) as pool:
                    answers = list(
                        pool.map(
                            lambda c: c.post("/fetch-emails", data={"source": "demo"}, headers=_JSON),
                            clients,
                        )
                    )
                refused = [a.status_code for a in answers if a.status_code != 200]
                if refused:
                    raise RuntimeError(f"{len(refused)} runs did not start: {refused[:5]}")
                run_ids = [int(a.json()["run_id"]) for a in answers]
                # Measured while all the runs are going, for at most loop_seconds (a slow
                # machine would otherwise make this section last minutes).
                deadline = started + scale.loop_seconds
                most_waiting = 0
                while time.monotonic() < deadline and _running(run_ids) == count:
                    most_waiting = max(most_waiting, _started_and_waiting(run_ids)[1])
                    time.sleep(0.1)
                seconds = time.monotonic() - started
                still_started, waiting = _started_and_waiting(run_ids)
                lag = observer.get("/debug/loop-lag", params={"since": since}).json()
                # Not joined: a page still loading now would only be counted if it finished.
                prober.stop.set()
                emails = sum(ProcessingRun.objects.filter(pk__in=run_ids).values_list("processed_emails", flat=True))
                finished = count - _running(run_ids)
                say(f"  measured {seconds:.1f} s; cancelling what is left")
                with ThreadPoolExecutor(max_workers=count) as pool:
                    list(pool.map(lambda c: c.post("/cancel-fetch-emails", headers=_JSON), clients))
            finally:
                for client in [*clients, observer]:
                    client.close()
        most_in_flight = llm.max_in_flight
    p99 = lag["p99_ms"] / 1000
    pages = prober.times
    return [
        Row(
            SECTION,
            f"event-loop lag p50 / p99 / max, {count} concurrent runs",
            f"{ms(lag['p50_ms'] / 1000)} / {ms(p99)} / {ms(lag['max_ms'] / 1000)}",
            p99,
            "p99 ≤ 50 ms",
            at_most(p99, 0.05),
            note=f"{lag['samples']} samples of a 50 ms sleep inside daphne ({connection.vendor} + Redis)",
        ),
        Row(
            SECTION,
            f"GET /processing during the runs, p50 / p99 ({len(pages)} requests)",
            f"{ms(percentile(pages, 0.5))} / {ms(percentile(pages, 0.99))}",
            percentile(pages, 0.99),
            note=f"{prober.failures} failed",
        ),
        Row(
            SECTION,
            "the runs meanwhile",
            f"{emails} emails in {seconds:.1f} s ({emails / seconds:.0f} emails/s in total)",
            emails / seconds,
            note=f"{finished}/{count} runs finished by then; up to {most_in_flight} LLM requests in flight",
        ),
        Row(
            SECTION,
            "of the started runs, working / waiting for a slot",
            f"{still_started - waiting} / {waiting} at the end (at most {most_waiting} waiting)",
            waiting,
            note=f"RUNS_PER_PROCESS={settings.RUNS_PER_PROCESS}: runs beyond it wait in line",
        ),
    ]
