"""Cancellation while the LLM is working, against a loopback OpenAI-compatible server."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from accounts.models import User
from dashboard.models import Email
from processing import runs
from processing.models import ProcessingRun, RunStatus, Source
from processing.registry import registry
from tests.factories import write_mailbox
from tests.fakes.openai_server import FakeOpenAIServer, Fault
from tests.waiting import eventually

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("process_services", "fast_runs")]


async def _start(user: User, folder: Path) -> ProcessingRun:
    return await runs.start_run(user.pk, source=Source.MBOX, source_path=str(folder), classifier="llm")


async def test_it_classifies_through_the_llm(alice: User, tmp_path: Path, fake_openai: FakeOpenAIServer) -> None:
    write_mailbox(tmp_path / "box", 12)
    run = await _start(alice, tmp_path / "box")
    handle = registry.get(run.pk)
    assert handle is not None
    await asyncio.wait_for(handle.done.wait(), 30)
    run = await ProcessingRun.objects.aget(pk=run.pk)
    assert run.status == RunStatus.FINISHED
    assert run.llm_calls == 12
    assert len(fake_openai.requests) == 12
    assert run.prompt_tokens > 0
    body = fake_openai.requests[0].body
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    statuses = set()
    async for email in Email.objects.filter(user=alice):
        statuses.add(email.classifier)
    assert statuses == {"llm"}


async def test_it_aborts_in_flight_llm_requests_on_cancel(
    alice: User, tmp_path: Path, fake_openai: FakeOpenAIServer, settings: object
) -> None:
    settings.LLM_CONCURRENCY = 4  # type: ignore[attr-defined]
    fake_openai.latency = 5.0
    write_mailbox(tmp_path / "box", 40)
    run = await _start(alice, tmp_path / "box")
    await eventually(lambda: fake_openai.in_flight() == 4)
    outcome = await runs.cancel_run(user_id=alice.pk, requested_by_id=alice.pk)
    answered_at = time.monotonic()
    assert outcome.http_status == 200
    assert outcome.run is not None
    assert outcome.run.status == RunStatus.CANCELLED
    # The server sees the four connections closed, long before its 5 s answer.
    await eventually(lambda: sum(1 for r in fake_openai.requests if r.aborted) == 4, timeout=3)
    await asyncio.sleep(0.3)
    assert fake_openai.count_started_after(answered_at) == 0
    assert len(fake_openai.requests) == 4
    assert len(registry) == 0
    assert (await ProcessingRun.objects.aget(pk=run.pk)).status == RunStatus.CANCELLED


async def test_it_cancels_during_a_back_off_sleep(
    alice: User, tmp_path: Path, fake_openai: FakeOpenAIServer, settings: object
) -> None:
    settings.LLM_CONCURRENCY = 1  # type: ignore[attr-defined]
    fake_openai.enqueue(Fault.status(429, headers={"Retry-After": "30"}))
    write_mailbox(tmp_path / "box", 5)
    run = await _start(alice, tmp_path / "box")
    await eventually(lambda: len(fake_openai.requests) == 1 and fake_openai.in_flight() == 0)
    await asyncio.sleep(0.1)  # now sleeping 30 s before the retry
    started = time.monotonic()
    outcome = await runs.cancel_run(user_id=alice.pk)
    assert time.monotonic() - started < 2
    assert outcome.http_status == 200
    await asyncio.sleep(0.2)
    assert len(fake_openai.requests) == 1  # the retry never happened
    assert (await ProcessingRun.objects.aget(pk=run.pk)).status == RunStatus.CANCELLED


async def test_it_resumes_without_sending_stored_messages_to_the_llm(
    alice: User, tmp_path: Path, fake_openai: FakeOpenAIServer, settings: object
) -> None:
    settings.LLM_CONCURRENCY = 2  # type: ignore[attr-defined]
    settings.STORE_BATCH_SIZE = 2  # type: ignore[attr-defined]
    fake_openai.latency = 0.05
    write_mailbox(tmp_path / "box", 30)
    first = await _start(alice, tmp_path / "box")
    await eventually(lambda: len(fake_openai.requests) >= 8)
    await runs.cancel_run(user_id=alice.pk)
    first = await ProcessingRun.objects.aget(pk=first.pk)
    assert first.status == RunStatus.CANCELLED
    stored_subjects_before = {e.subject async for e in Email.objects.filter(user=alice)}
    stored_ids = {e.provider_message_id async for e in Email.objects.filter(user=alice)}
    assert len(stored_ids) == first.processed_emails
    fake_openai.reset()
    second = await _start(alice, tmp_path / "box")
    handle = registry.get(second.pk)
    assert handle is not None
    await asyncio.wait_for(handle.done.wait(), 30)
    second = await ProcessingRun.objects.aget(pk=second.pk)
    assert second.status == RunStatus.FINISHED
    assert second.processed_emails == 30
    assert len(fake_openai.requests) == 30 - first.processed_emails
    assert second.llm_calls == 30 - first.processed_emails
    assert await Email.objects.filter(user=alice).acount() == 30
    assert stored_subjects_before  # something was kept from the cancelled run


async def test_it_stores_unusable_answers_for_review_and_finishes(
    alice: User, tmp_path: Path, fake_openai: FakeOpenAIServer, settings: object
) -> None:
    settings.LLM_CONCURRENCY = 1  # type: ignore[attr-defined]
    for fault in (Fault.refusal("no"), Fault.refusal("still no"), Fault.invalid_json(), Fault.length()):
        fake_openai.enqueue(fault)
    write_mailbox(tmp_path / "box", 3)
    run = await _start(alice, tmp_path / "box")
    handle = registry.get(run.pk)
    assert handle is not None
    await asyncio.wait_for(handle.done.wait(), 30)
    run = await ProcessingRun.objects.aget(pk=run.pk)
    assert run.status == RunStatus.FINISHED
    assert await Email.objects.filter(user=alice).acount() == 3
    assert await Email.objects.filter(user=alice, needs_review=True).acount() == 2
