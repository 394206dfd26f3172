"""Runs across real processes: a cancel sent to another daphne, and a SIGKILLed owner."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from dashboard.models import Email
from processing.models import ProcessingRun, RunStatus
from tests.fakes.openai_server import FakeOpenAIServer
from tests.live import ROOT, DaphneServer, logged_in_client, test_database_url
from tests.waiting import wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def slow_llm() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(latency=0.1) as server:
        yield server


def _server_env(llm: FakeOpenAIServer) -> dict[str, str]:
    env = {
        "DATABASE_URL": test_database_url(),
        "CLASSIFIER": "llm",
        "OPENAI_BASE_URL": llm.url,
        "OPENAI_API_KEY": "test-key",
        "RULES_SHORTCUT": "false",
        "LLM_CONCURRENCY": "2",
        "STORE_BATCH_SIZE": "2",
        "PROGRESS_INTERVAL": "0.1",
        "HEARTBEAT_SECONDS": "0.5",
    }
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    return env


def test_it_cancels_a_run_owned_by_another_daphne_process(slow_llm: FakeOpenAIServer) -> None:
    call_command("load_demo")
    demo = User.objects.get(email=settings.DEMO_USER_EMAIL)
    client = Client()
    client.force_login(demo)
    session = client.cookies["sessionid"].value
    with DaphneServer(_server_env(slow_llm)) as owner, DaphneServer(_server_env(slow_llm)) as other:
        with closing(logged_in_client(owner.url, session)) as http:
            started = http.post("/fetch-emails", data={"source": "demo"}, headers={"Accept": "application/json"})
            assert started.status_code == 200, started.text
            run_id = started.json()["run_id"]
        wait_until(lambda: len(slow_llm.requests) >= 6)
        with closing(logged_in_client(other.url, session)) as http:
            sent = time.monotonic()
            answer = http.post("/cancel-fetch-emails", headers={"Accept": "application/json"})
            answered = time.monotonic()
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["message"] == "Email fetching cancelled"
        assert body["status"] == "cancelled"
        run = ProcessingRun.objects.get(pk=run_id)
        assert run.status == RunStatus.CANCELLED
        assert f":{owner.process.pid}:" in run.owner if owner.process else False
        assert body["processed_emails"] == run.processed_emails == Email.objects.filter(user=demo).count()
        time.sleep(0.5)
        assert slow_llm.count_started_after(answered) == 0
        # Through Redis the owner hears at once; without it, the durable flag is polled every second.
        assert answered - sent < (2.0 if settings.REDIS_URL else 4.0)


def test_it_recovers_from_a_killed_owner_and_resumes(slow_llm: FakeOpenAIServer) -> None:
    call_command("load_demo")
    env = {**os.environ, **_server_env(slow_llm), "DJANGO_SETTINGS_MODULE": "config.settings"}
    process = subprocess.Popen(
        [sys.executable, "manage.py", "process_mail", "--user", settings.DEMO_USER_EMAIL, "--source", "demo", "--wait"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until(lambda: ProcessingRun.objects.filter(processed_emails__gte=6).exists())
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_at = time.monotonic()
    run = ProcessingRun.objects.get()
    assert run.status == RunStatus.STARTED  # nobody recorded anything: the process died
    stored = set(Email.objects.values_list("provider_message_id", flat=True))
    assert run.processed_emails == len(stored)

    # A lease far longer than this check can take, even when starting manage.py on a loaded
    # machine takes seconds: the dead owner's last heartbeat is still within it.
    sweep = subprocess.run(
        [sys.executable, "manage.py", "sweep_runs"],
        cwd=ROOT,
        env={**env, "RUN_LEASE_SECONDS": "120"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "No stale runs" in sweep.stdout  # the heartbeat is still fresh
    time.sleep(max(0.0, killed_at + 6.5 - time.monotonic()))
    sweep = subprocess.run(
        [sys.executable, "manage.py", "sweep_runs"],
        cwd=ROOT,
        env={**env, "RUN_LEASE_SECONDS": "6"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"Interrupted 1 stale run(s): {run.pk}" in sweep.stdout
    run.refresh_from_db()
    assert run.status == RunStatus.INTERRUPTED

    slow_llm.latency = 0.0
    slow_llm.reset()
    finished = subprocess.run(
        [sys.executable, "manage.py", "process_mail", "--user", settings.DEMO_USER_EMAIL, "--source", "demo", "--wait"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    last = finished.stdout.strip().splitlines()[-1]
    second = ProcessingRun.objects.latest("created_at")
    assert last == f"run {second.pk} finished processed={second.total_emails} total={second.total_emails}"
    assert second.skipped_emails == len(stored)
    # No message stored before the crash reached the classifier again.
    sent_ids = {r.body["messages"][-1]["content"] for r in slow_llm.requests}
    assert second.llm_calls == len(slow_llm.requests)
    assert len(slow_llm.requests) <= (second.total_emails or 0) - len(stored)
    assert sent_ids
