"""Run lifecycle with real asyncio, a real mailbox folder and the rules classifier."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from accounts.models import User
from dashboard.models import Email
from jobmail.mbox import HEAD_BYTES, eml_files
from processing import runs
from processing.models import ProcessingRun, RunStatus, Source
from processing.registry import registry
from processing.sources.mbox import message_key
from tests.factories import make_email, write_mailbox
from tests.waiting import run_ended

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("process_services", "fast_runs")]


async def _start(user: User, folder: Path, **kwargs: object) -> ProcessingRun:
    return await runs.start_run(user.pk, source=Source.MBOX, source_path=str(folder), classifier="rules", **kwargs)  # type: ignore[arg-type]


async def test_it_finishes_and_stores_every_message(alice: User, tmp_path: Path) -> None:
    write_mailbox(tmp_path / "box", 30)
    run = await _start(alice, tmp_path / "box")
    run = await run_ended(run.pk)
    assert run.status == RunStatus.FINISHED
    assert (run.processed_emails, run.total_emails, run.stored_emails) == (30, 30, 30)
    assert await Email.objects.filter(user=alice).acount() == 30
    assert len(registry) == 0


async def test_it_refuses_a_second_start_for_the_same_user(alice: User, bob: User, tmp_path: Path) -> None:
    write_mailbox(tmp_path / "box", 200)
    first = await _start(alice, tmp_path / "box")
    with pytest.raises(runs.AlreadyRunning):
        await _start(alice, tmp_path / "box")
    other = await _start(bob, tmp_path / "box")  # another user is independent
    await run_ended(first.pk)
    await run_ended(other.pk)


async def test_it_refuses_a_start_when_another_process_runs_one(alice: User, tmp_path: Path) -> None:
    # A started row owned by a live process elsewhere (fresh heartbeat).
    await ProcessingRun.objects.acreate(user=alice, status=RunStatus.STARTED, owner="elsewhere:1:abc")
    write_mailbox(tmp_path / "box", 3)
    with pytest.raises(runs.AlreadyRunning):
        await _start(alice, tmp_path / "box")
    assert len(registry) == 0


async def test_it_takes_over_from_a_dead_process(alice: User, tmp_path: Path, settings: object) -> None:
    from datetime import timedelta

    from django.utils import timezone

    stale = await ProcessingRun.objects.acreate(
        user=alice, status=RunStatus.STARTED, owner="dead:1:abc", heartbeat_at=timezone.now() - timedelta(minutes=5)
    )
    write_mailbox(tmp_path / "box", 3)
    run = await _start(alice, tmp_path / "box")
    await run_ended(run.pk)
    await stale.arefresh_from_db()
    assert stale.status == RunStatus.INTERRUPTED


async def test_it_cancels_with_nothing_running(alice: User) -> None:
    outcome = await runs.cancel_run(user_id=alice.pk)
    assert (outcome.http_status, outcome.message) == (404, "No running task found")


async def test_it_says_so_when_the_run_finished_first(alice: User, tmp_path: Path) -> None:
    write_mailbox(tmp_path / "box", 2)
    run = await run_ended((await _start(alice, tmp_path / "box")).pk)
    assert run.status == RunStatus.FINISHED
    outcome = await runs.cancel_run(user_id=alice.pk)
    assert outcome.http_status == 409
    assert "already finished" in outcome.message
    await run.arefresh_from_db()
    assert run.status == RunStatus.FINISHED


async def test_it_cancels_only_the_owners_run(alice: User, bob: User, tmp_path: Path, settings: object) -> None:
    settings.LLM_CONCURRENCY = 1  # type: ignore[attr-defined]
    write_mailbox(tmp_path / "box", 400)
    run = await _start(alice, tmp_path / "box")
    outcome = await runs.cancel_run(user_id=bob.pk, requested_by_id=bob.pk)
    assert outcome.http_status == 404
    assert registry.get(run.pk) is not None
    outcome = await runs.cancel_run(user_id=alice.pk, requested_by_id=alice.pk)
    assert outcome.http_status == 200
    assert outcome.run is not None
    assert outcome.run.status == RunStatus.CANCELLED


async def test_it_keeps_results_and_exact_counts_when_cancelled(alice: User, tmp_path: Path, settings: object) -> None:
    settings.LLM_CONCURRENCY = 1  # type: ignore[attr-defined]
    settings.STORE_BATCH_SIZE = 5  # type: ignore[attr-defined]
    write_mailbox(tmp_path / "box", 600)
    run = await _start(alice, tmp_path / "box")
    while (await ProcessingRun.objects.aget(pk=run.pk)).processed_emails < 20:
        await asyncio.sleep(0.01)
    outcome = await runs.cancel_run(user_id=alice.pk, requested_by_id=alice.pk)
    assert outcome.http_status == 200
    run = await ProcessingRun.objects.aget(pk=run.pk)
    assert run.status == RunStatus.CANCELLED
    assert run.cancel_reason == "user"
    assert run.cancel_requested_by_id == alice.pk
    stored = await Email.objects.filter(user=alice).acount()
    assert 20 <= stored < 600
    assert run.processed_emails == stored  # exact: nothing counted that is not stored, nothing lost
    assert outcome.run is not None
    assert outcome.run.processed_emails == stored
    assert len(registry) == 0


async def _cancel_with_results_unstored(alice: User, tmp_path: Path, settings: object) -> tuple[ProcessingRun, int]:
    """Cancel 0.1 s after the writer's first batch; returns the run and that batch's size.

    Batches far larger than the mailbox: the writer stores what it has every 0.5 s, so
    what was classified since its first batch waits in it until the cancel stores it
    with the final status.
    """
    settings.STORE_BATCH_SIZE = 10_000  # type: ignore[attr-defined]
    write_mailbox(tmp_path / "box", 3000)
    run = await _start(alice, tmp_path / "box")
    while not (first := (await ProcessingRun.objects.aget(pk=run.pk)).processed_emails):
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)
    outcome = await runs.cancel_run(user_id=alice.pk, requested_by_id=alice.pk)
    assert outcome.http_status == 200
    return await ProcessingRun.objects.aget(pk=run.pk), first


async def test_it_stores_the_results_still_waiting_with_the_final_status(
    alice: User, tmp_path: Path, settings: object
) -> None:
    run, first_batch = await _cancel_with_results_unstored(alice, tmp_path, settings)
    assert run.status == RunStatus.CANCELLED
    stored = await Email.objects.filter(user=alice).acount()
    assert first_batch < stored < 3000
    assert run.processed_emails == stored


async def test_a_last_batch_that_cannot_be_stored_never_costs_the_final_status(
    alice: User, tmp_path: Path, settings: object, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from processing import store

    store_batch = store.store_batch

    def broken_when_stopping(*args: object, urgent: bool = False, **kwargs: object) -> object:
        if urgent:
            raise ValueError("a bug in storing")
        return store_batch(*args, urgent=urgent, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "store_batch", broken_when_stopping)
    run, first_batch = await _cancel_with_results_unstored(alice, tmp_path, settings)
    assert run.status == RunStatus.CANCELLED
    assert run.processed_emails == await Email.objects.filter(user=alice).acount() == first_batch
    assert "classified emails could not be stored" in caplog.text


async def test_it_resumes_without_reprocessing(alice: User, tmp_path: Path, settings: object) -> None:
    settings.LLM_CONCURRENCY = 1  # type: ignore[attr-defined]
    write_mailbox(tmp_path / "box", 300)
    first = await _start(alice, tmp_path / "box")
    while (await ProcessingRun.objects.aget(pk=first.pk)).processed_emails < 10:
        await asyncio.sleep(0.01)
    await runs.cancel_run(user_id=alice.pk)
    first = await ProcessingRun.objects.aget(pk=first.pk)
    second = await run_ended((await _start(alice, tmp_path / "box")).pk)
    assert second.status == RunStatus.FINISHED
    assert second.resumed_from_id == first.pk
    assert second.skipped_emails == first.processed_emails
    assert second.stored_emails == 300 - first.processed_emails
    assert await Email.objects.filter(user=alice).acount() == 300


async def test_it_handles_a_double_cancel(alice: User, tmp_path: Path, settings: object) -> None:
    settings.LLM_CONCURRENCY = 1  # type: ignore[attr-defined]
    write_mailbox(tmp_path / "box", 400)
    run = await _start(alice, tmp_path / "box")
    first, second = await asyncio.gather(runs.cancel_run(user_id=alice.pk), runs.cancel_run(user_id=alice.pk))
    assert {first.http_status, second.http_status} == {200}
    run = await ProcessingRun.objects.aget(pk=run.pk)
    assert run.status == RunStatus.CANCELLED
    third = await runs.cancel_run(user_id=alice.pk)
    assert third.http_status == 200  # a late second click is answered the same way, harmlessly


@pytest.mark.parametrize("attempt", range(12))
async def test_it_never_overwrites_the_terminal_status_when_cancel_races_completion(
    alice: User, tmp_path: Path, attempt: int
) -> None:
    write_mailbox(tmp_path / "box", 6)
    run = await _start(alice, tmp_path / "box")
    await asyncio.sleep(random.uniform(0, 0.05))
    outcome = await runs.cancel_run(user_id=alice.pk)
    final = await run_ended(run.pk)
    await asyncio.sleep(0.05)
    again = await ProcessingRun.objects.aget(pk=run.pk)
    assert again.status == final.status
    assert final.status in (RunStatus.FINISHED, RunStatus.CANCELLED)
    if outcome.http_status == 200:
        assert final.status == RunStatus.CANCELLED
    else:
        assert outcome.http_status == 409
        assert final.status == RunStatus.FINISHED
    assert final.processed_emails == await Email.objects.filter(user=alice).acount()


async def test_it_fails_clearly_and_empties_the_registry(alice: User, tmp_path: Path) -> None:
    run = await _start(alice, tmp_path / "missing.mbox")
    run = await run_ended(run.pk)
    assert run.status == RunStatus.FAILED
    assert "does not exist" in run.error_message
    assert len(registry) == 0


async def test_it_survives_malformed_empty_non_utf8_and_huge_messages(alice: User, tmp_path: Path) -> None:
    box = tmp_path / "box"
    box.mkdir()
    (box / "1-empty.eml").write_bytes(b"")
    (box / "2-garbage.eml").write_bytes(b"\x00\xff\xfe garbage \x80\x81 no headers at all")
    (box / "3-latin1.eml").write_bytes(
        b"From: J\xf6rg <j@x.example>\nSubject: Bewerbung \xfcber\nContent-Type: text/plain; charset=unknown-8bit\n"
        b"Message-ID: <latin@x.example>\n\nLeider m\xfcssen wir Ihnen absagen.\n"
    )
    (box / "4-broken-mime.eml").write_bytes(
        b'Message-ID: <broken@x.example>\nContent-Type: multipart/mixed; boundary="nope"\n\n--wrong\n'
        b"Content-Transfer-Encoding: base64\n\n!!!notbase64!!!\n"
    )
    huge_body = "Thank you for applying. " + ("x" * 100 + "\n") * 60_000
    (box / "5-huge.eml").write_bytes(make_email(subject="Big", body=huge_body, message_id="<huge@x.example>"))
    run = await run_ended((await _start(alice, box)).pk)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert run.processed_emails == run.total_emails == 5


async def test_it_stores_a_rules_run_in_the_order_of_the_mailbox(alice: User, tmp_path: Path) -> None:
    # Grouping places each email after those stored before it: the same mailbox must
    # give the same applications however the pool's jobs happened to finish.
    write_mailbox(tmp_path / "box", 120)
    run = await run_ended((await _start(alice, tmp_path / "box")).pk)
    assert run.status == RunStatus.FINISHED
    listed = []
    for file in eml_files(tmp_path / "box"):
        head = file.read_bytes()[:HEAD_BYTES]
        listed.append(message_key(head, head + file.name.encode())[0])
    stored = [
        message_id
        async for message_id in Email.objects.filter(user=alice)
        .order_by("pk")
        .values_list("provider_message_id", flat=True)
    ]
    assert stored == listed
