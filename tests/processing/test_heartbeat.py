"""Liveness: a run's heartbeat comes from a thread, so a busy event loop never gets a
live run interrupted by the sweeper."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

from accounts.models import User
from processing import runs
from processing.models import ProcessingRun, RunStatus, Source
from tests.factories import write_mailbox
from tests.fakes.openai_server import FakeOpenAIServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("process_services", "fast_runs")]


def _sweep_from_another_thread() -> list[int]:
    swept: list[int] = []

    def sweep() -> None:
        try:
            swept.extend(runs.sweep_stale_runs())
        finally:
            connections.close_all()

    thread = threading.Thread(target=sweep)
    thread.start()
    thread.join()
    return swept


async def test_it_keeps_a_run_alive_while_the_event_loop_is_blocked(
    alice: User, tmp_path: Path, fake_openai: FakeOpenAIServer, settings: Any
) -> None:
    fake_openai.latency = 60.0  # the run stays in its first LLM request
    settings.LLM_CONCURRENCY = 1
    settings.RUN_LEASE_SECONDS = 1
    settings.HEARTBEAT_SECONDS = 0.1
    write_mailbox(tmp_path / "box", 3)
    run = await runs.start_run(alice.pk, source=Source.MBOX, source_path=str(tmp_path / "box"), classifier="llm")
    # Block this event loop for longer than the lease: no coroutine runs meanwhile, so
    # a heartbeat written from the loop would be stale when the sweeper looks.
    time.sleep(settings.RUN_LEASE_SECONDS * 1.5)
    assert _sweep_from_another_thread() == []
    row = await ProcessingRun.objects.aget(pk=run.pk)
    assert row.status == RunStatus.STARTED
    outcome = await runs.cancel_run(user_id=alice.pk)
    assert outcome.run is not None
    assert outcome.run.status == RunStatus.CANCELLED
