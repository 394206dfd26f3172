"""Whole Gmail runs: processing.runs.start_run over the loopback Gmail server."""

from __future__ import annotations

import asyncio
import time
from datetime import date

import pytest

from accounts.models import GmailCredential, User
from dashboard.models import Email
from processing import runs
from processing.models import ProcessingRun, RunStatus, Source
from processing.registry import registry
from tests.factories import make_email
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import Grant

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("process_services", "fast_runs", "alice_grant"),
]


async def _run(user: User, **kwargs: object) -> ProcessingRun:
    run = await runs.start_run(user.pk, source=Source.GMAIL, classifier="rules", **kwargs)  # type: ignore[arg-type]
    handle = registry.get(run.pk)
    if handle is not None:
        await asyncio.wait_for(handle.done.wait(), 60)
    return await ProcessingRun.objects.aget(pk=run.pk)


async def _credential(user: User) -> GmailCredential:
    return await GmailCredential.objects.aget(user=user)


async def test_it_reads_1000_messages_in_at_most_25_batches_then_only_history(
    alice: User, gmail: FakeGmailServer
) -> None:
    gmail.generate_messages(1000)
    gmail.latency = 0.05
    run = await _run(alice)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert (run.processed_emails, run.total_emails, run.stored_emails) == (1000, 1000, 1000)
    assert await Email.objects.filter(user=alice).acount() == 1000
    fetches = [r for r in gmail.requests if r.kind == "batch" and set(r.formats) == {"raw"}]
    sizings = [r for r in gmail.requests if r.kind == "batch" and set(r.formats) == {"minimal"}]
    assert len(fetches) <= 25
    assert all(r.batch_parts <= 50 for r in fetches)
    assert sum(r.batch_parts for r in fetches) == 1000
    assert sizings == []  # the listing bounded every size (larger:)
    assert gmail.count("batch_parts") == 1000
    assert gmail.count("get") == 0
    # The mailbox's position is remembered for the next run.
    assert run.history_id == str(gmail.history_id)
    assert (await _credential(alice)).last_history_id == run.history_id

    gmail.reset_log()
    second = await _run(alice)
    assert second.status == RunStatus.FINISHED, second.error_message
    assert gmail.count("batch_parts") == 0  # no message content at all
    assert gmail.count("history") == 1
    assert gmail.count("list") == 0
    assert second.total_emails == 0


async def test_it_fetches_only_the_new_messages_on_the_next_run(alice: User, gmail: FakeGmailServer) -> None:
    gmail.generate_messages(30)
    assert (await _run(alice)).status == RunStatus.FINISHED
    new = gmail.generate_messages(4)
    gmail.reset_log()
    run = await _run(alice)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert (run.total_emails, run.stored_emails) == (4, 4)
    fetched = [
        i
        for r in gmail.requests
        if r.kind == "batch"
        for i, f in zip(r.message_ids, r.formats, strict=True)
        if f == "raw"
    ]
    assert sorted(fetched) == sorted(new)
    assert gmail.count("list") == 0


async def test_it_lists_by_date_when_the_history_is_too_old(alice: User, gmail: FakeGmailServer) -> None:
    await GmailCredential.objects.filter(user=alice).aupdate(last_history_id="1001")
    gmail.generate_messages(20)
    gmail.min_history_id = gmail.history_id
    run = await _run(alice, start_date=date(2026, 1, 5))
    assert run.status == RunStatus.FINISHED, run.error_message
    assert run.processed_emails == 20
    assert gmail.count("history", status=404) == 1
    assert any("after:" in q for q in gmail.list_queries)


async def test_it_stores_every_message_exactly_once_when_parts_are_rate_limited(
    alice: User, gmail: FakeGmailServer
) -> None:
    ids = gmail.generate_messages(200)
    gmail.part_fault_rate = 0.1
    gmail.part_fault_statuses = (429,)
    run = await _run(alice)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert gmail.count("batch_parts", status=429) > 0  # the faults happened
    stored = [e async for e in Email.objects.filter(user=alice).values_list("provider_message_id", flat=True)]
    assert sorted(stored) == sorted(ids)
    assert all(gmail.times_served(ident, "raw") == 1 for ident in ids)
    assert run.processed_emails == run.stored_emails == 200


async def test_it_fails_a_run_whose_grant_was_revoked(alice: User, gmail: FakeGmailServer, alice_grant: Grant) -> None:
    gmail.generate_messages(5)
    gmail.revoked_tokens.add(alice_grant.refresh_token)
    gmail.expire_all_access_tokens()
    run = await _run(alice)
    assert run.status == RunStatus.FAILED
    assert run.error_message == "Gmail access was revoked or expired — reconnect Gmail"
    credential = await _credential(alice)
    assert credential.revoked_at is not None
    assert not await User.objects.filter(pk=alice.pk, gmail_credential__revoked_at__isnull=True).aexists()


async def test_it_counts_a_deleted_message_as_missing(alice: User, gmail: FakeGmailServer) -> None:
    ids = gmail.generate_messages(8)
    gmail.fail_message(ids[0], [404])
    run = await _run(alice)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert (run.processed_emails, run.missing_emails, run.stored_emails) == (8, 1, 7)


async def test_it_stops_at_once_when_cancelled_during_a_batch(alice: User, gmail: FakeGmailServer) -> None:
    gmail.generate_messages(400)
    gmail.batch_part_latency = 0.01  # a batch of 50 takes half a second; listing stays quick
    run = await runs.start_run(alice.pk, source=Source.GMAIL, classifier="rules")
    # Both fetch batches in flight (launched together; the listing bounded the sizes) have reached the server.
    await asyncio.to_thread(gmail.wait_for_requests, 2, 10, where=lambda r: r.kind == "batch")
    outcome = await runs.cancel_run(user_id=alice.pk, requested_by_id=alice.pk)
    cancelled_at = time.monotonic()
    assert outcome.http_status == 200
    run = await ProcessingRun.objects.aget(pk=run.pk)
    assert run.status == RunStatus.CANCELLED
    await asyncio.sleep(1.0)  # longer than a batch takes: a new one would have started
    assert gmail.count_started_after(cancelled_at) == 0
    assert len([r for r in gmail.requests if r.kind == "batch"]) == 2
    stored = await Email.objects.filter(user=alice).acount()
    run = await ProcessingRun.objects.aget(pk=run.pk)
    assert run.processed_emails == stored < 400


async def test_it_reads_unusual_messages(alice: User, gmail: FakeGmailServer) -> None:
    latin1 = (
        b"From: RH <recrutement@entreprise.example>\r\nTo: me@example.com\r\n"
        b"Subject: =?iso-8859-1?q?Entretien_pr=E9vu?=\r\nDate: Mon, 05 Jan 2026 09:00:00 +0000\r\n"
        b"Message-ID: <latin1@test.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        b"Votre entretien est pr\xe9vu lundi \xe0 10h.\r\n"
    )
    html_only = (
        b"From: Lumen <jobs@lumen.example>\r\nTo: me@example.com\r\nSubject: Interview invitation\r\n"
        b"Date: Mon, 05 Jan 2026 10:00:00 +0000\r\nMessage-ID: <html@test.example>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><body><p>We would like to <b>invite you to an interview</b>.</p></body></html>\r\n"
    )
    attachment_only = (
        b"From: Quokka <hr@quokka.example>\r\nTo: me@example.com\r\nSubject: Your offer letter\r\n"
        b"Date: Mon, 05 Jan 2026 11:00:00 +0000\r\nMessage-ID: <pdf@test.example>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b'Content-Type: application/pdf; name="offer.pdf"\r\nContent-Disposition: attachment; filename="offer.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcOkw7zDtsOf\r\n--b--\r\n"
    )
    large = make_email(
        subject="Thank you for applying to Brightline",
        body="Thank you for applying. " + "Lorem ipsum dolor sit amet. " * 200_000,  # ~5.6 MB
        sender="Brightline <careers@brightline.example>",
    )
    ids = [gmail.add_message(raw) for raw in (latin1, html_only, attachment_only, large)]
    run = await _run(alice)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert (run.processed_emails, run.stored_emails) == (4, 4)
    subjects = {
        e.provider_message_id: e.subject
        async for e in Email.objects.filter(user=alice).only("subject", "provider_message_id")
    }
    assert subjects == {
        ids[0]: "Entretien prévu",
        ids[1]: "Interview invitation",
        ids[2]: "Your offer letter",
        ids[3]: "Thank you for applying to Brightline",
    }
    html_email = await Email.objects.aget(user=alice, provider_message_id=ids[1])
    assert "invite you to an interview" in html_email.snippet
    assert "<b>" not in html_email.snippet
