"""GmailSource against the loopback Gmail server, with the real Google client libraries."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from asgiref.sync import sync_to_async

from accounts.models import GmailCredential, User
from processing.sources.base import FetchedMessage, MessageRef, SourceContext, SourceError
from processing.sources.gmail import GmailSource
from tests.factories import make_email
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import Grant

pytestmark = [pytest.mark.django_db(transaction=True)]

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
async def source(alice: User, alice_grant: Grant) -> AsyncIterator[GmailSource]:
    gmail_source = GmailSource(SourceContext(user_id=alice.pk, run_id=1))
    yield gmail_source
    await gmail_source.aclose()


async def _fetch_all(source: GmailSource, refs: list[MessageRef]) -> list[FetchedMessage]:
    return [message async for message in source.fetch(refs)]


def _batches(gmail: FakeGmailServer, fmt: str = "raw") -> list[int]:
    """Parts of each batch request asking for messages in `fmt` ("minimal": the sizing batches)."""
    return [r.batch_parts for r in gmail.requests if r.kind == "batch" and set(r.formats) == {fmt}]


async def test_it_lists_every_page_within_the_start_date(source: GmailSource, gmail: FakeGmailServer) -> None:
    ids = gmail.generate_messages(700, start=START)  # hourly, oldest first
    gmail.add_message(make_email(subject="I applied", body="sent by me"), label_ids=("SENT",))
    source.context.start_date = START + timedelta(hours=100)
    listing = await source.list_messages()
    expected = ids[100:][::-1]  # newest first, as Gmail lists
    assert [ref.id for ref in listing.refs] == expected
    assert all(ref.thread_id for ref in listing.refs)
    assert listing.history_id == str(gmail.history_id)
    assert gmail.list_queries, "messages.list was not used"
    assert all(f"after:{int(source.context.start_date.timestamp()) - 1}" in q for q in gmail.list_queries)
    assert all("-in:sent" in q for q in gmail.list_queries)
    # 600 matching ids at 500 a page: two pages for each query; each query again with
    # larger: twice, to bound sizes (no message is that large here: one page each).
    pages = [r.query for r in gmail.requests if r.kind == "list"]
    assert all(page["maxResults"] == "500" for page in pages)
    queries = [q for q in set(gmail.list_queries) if "larger:" not in q]
    assert len(pages) == 2 * len(queries) + 2 * len(queries)
    assert len(set(gmail.list_queries)) == 3 * len(queries)


async def test_it_fetches_120_messages_in_3_batches(source: GmailSource, gmail: FakeGmailServer) -> None:
    gmail.generate_messages(120, start=START)
    listing = await source.list_messages()
    fetched = await _fetch_all(source, listing.refs)
    assert [m.ref.id for m in fetched] == [ref.id for ref in listing.refs]
    # Two batches are in flight at once, so the server may see them in either order.
    assert sorted(_batches(gmail)) == [20, 50, 50]
    assert gmail.count("get") == 0  # nothing fetched one by one
    for message in fetched:
        stored = gmail.message(message.ref.id)
        assert message.raw == stored.raw
        assert message.internal_date == datetime.fromtimestamp(stored.internal_date_ms / 1000, UTC)
        assert message.ref.thread_id == stored.thread_id


async def test_it_keeps_at_most_two_batches_in_flight(
    source: GmailSource, gmail: FakeGmailServer, settings: object
) -> None:
    gmail.generate_messages(200, start=START)
    listing = await source.list_messages()
    gmail.latency = 0.05
    gmail.reset_log()
    await _fetch_all(source, listing.refs)
    assert _batches(gmail) == [50] * 4
    assert gmail.max_in_flight == 2


async def test_it_refreshes_an_expired_access_token_and_saves_it_encrypted(
    alice: User, source: GmailSource, gmail: FakeGmailServer, alice_grant: Grant
) -> None:
    gmail.generate_messages(60, start=START)
    listing = await source.list_messages()
    assert gmail.count("token") == 0  # the stored access token was still good
    gmail.expire_all_access_tokens()
    fetched = await _fetch_all(source, listing.refs)
    assert all(m.raw for m in fetched)
    assert gmail.count("token") == 1  # once, for both batch threads
    credential = await GmailCredential.objects.aget(user=alice)
    new_token = await sync_to_async(lambda: credential.access_token)()
    assert new_token != alice_grant.access_token
    assert gmail.access_token_valid(new_token)
    assert new_token not in credential.access_token_encrypted
    assert credential.token_expiry is not None
    assert credential.token_expiry > datetime.now(UTC)


async def test_it_retries_parts_answered_429_and_500(source: GmailSource, gmail: FakeGmailServer) -> None:
    ids = gmail.generate_messages(70, start=START)
    gmail.fail_message(ids[3], [429, 500], fmt="raw")
    gmail.fail_message(ids[60], [500], fmt="raw")
    listing = await source.list_messages()
    fetched = await _fetch_all(source, listing.refs)
    assert all(m.raw == gmail.message(m.ref.id).raw for m in fetched)
    assert len(fetched) == 70
    # Only the failed parts were asked again, in later (smaller) batches.
    assert sorted(_batches(gmail)) == [1, 1, 1, 20, 50]
    assert all(gmail.times_served(ident, "raw") == 1 for ident in ids)


async def test_it_retries_sizing_parts_answered_429(source: GmailSource, gmail: FakeGmailServer) -> None:
    ids = gmail.generate_messages(70, start=START)
    gmail.fail_message(ids[3], [429], fmt="minimal")
    # As history.list gives them: ids without a size bound, so they are sized first.
    refs = [MessageRef(id=ident) for ident in ids]
    fetched = await _fetch_all(source, refs)
    assert [m.raw for m in fetched] == [gmail.message(ref.id).raw for ref in refs]
    assert sorted(_batches(gmail, "minimal")) == [1, 20, 50]
    assert sorted(_batches(gmail)) == [20, 50]


async def test_it_honours_retry_after(source: GmailSource, gmail: FakeGmailServer) -> None:
    ids = gmail.generate_messages(3, start=START)
    gmail.fail_message(ids[0], [429], retry_after="1", fmt="raw")
    listing = await source.list_messages()
    await _fetch_all(source, listing.refs)
    first, retry = [r for r in gmail.requests if r.kind == "batch" and "raw" in r.formats]
    assert first.finished_at is not None
    assert retry.started_at - first.finished_at >= 0.95


async def test_it_gives_up_with_a_clear_reason_when_parts_keep_failing(
    source: GmailSource, gmail: FakeGmailServer
) -> None:
    ids = gmail.generate_messages(5, start=START)
    gmail.fail_message(ids[2], [503] * 10, fmt="raw")
    listing = await source.list_messages()
    with pytest.raises(SourceError) as caught:
        await _fetch_all(source, listing.refs)
    assert str(caught.value) == (
        "Gmail kept answering HTTP 503 after 6 attempts. "
        "It is probably rate-limiting this mailbox; try again in a few minutes."
    )
    assert len(_batches(gmail)) == GmailSource.max_attempts


async def test_it_skips_a_message_deleted_after_listing(source: GmailSource, gmail: FakeGmailServer) -> None:
    ids = gmail.generate_messages(10, start=START)
    listing = await source.list_messages()
    gmail.delete_message(ids[4])
    fetched = await _fetch_all(source, listing.refs)
    missing = [m.ref.id for m in fetched if m.raw is None]
    assert missing == [ids[4]]
    assert len(fetched) == 10


async def test_it_reads_only_what_history_added(alice: User, alice_grant: Grant, gmail: FakeGmailServer) -> None:
    gmail.generate_messages(20, start=START)
    since = str(gmail.history_id)
    new = gmail.generate_messages(3, start=START + timedelta(days=30))
    gmail.add_message(make_email(subject="My reply", body="sent"), label_ids=("SENT",))
    gmail.add_message(make_email(subject="Spam", body="spam"), label_ids=("SPAM",))
    source = GmailSource(SourceContext(user_id=alice.pk, run_id=1, since_history_id=since))
    try:
        listing = await source.list_messages()
    finally:
        await source.aclose()
    assert sorted(ref.id for ref in listing.refs) == sorted(new)
    assert gmail.count("history") == 1
    assert gmail.count("list") == 0
    assert listing.history_id == str(gmail.history_id)


async def test_it_lists_by_date_when_history_is_too_old(
    alice: User, alice_grant: Grant, gmail: FakeGmailServer
) -> None:
    ids = gmail.generate_messages(12, start=START)
    gmail.min_history_id = gmail.history_id  # Gmail forgot everything before now
    source = GmailSource(SourceContext(user_id=alice.pk, run_id=1, since_history_id="1001", start_date=START))
    try:
        listing = await source.list_messages()
    finally:
        await source.aclose()
    assert sorted(ref.id for ref in listing.refs) == sorted(ids)
    assert gmail.count("history", status=404) == 1
    assert gmail.count("list") >= 1


async def test_it_marks_a_revoked_grant_and_says_to_reconnect(
    alice: User, source: GmailSource, gmail: FakeGmailServer, alice_grant: Grant
) -> None:
    gmail.revoked_tokens.add(alice_grant.refresh_token)
    gmail.expire_all_access_tokens()
    with pytest.raises(SourceError) as caught:
        await source.list_messages()
    assert str(caught.value) == "Gmail access was revoked or expired — reconnect Gmail"
    credential = await GmailCredential.objects.aget(user=alice)
    assert credential.revoked_at is not None
    assert not credential.usable


async def test_it_refuses_to_start_without_a_connected_gmail(bob: User, gmail: FakeGmailServer) -> None:
    source = GmailSource(SourceContext(user_id=bob.pk, run_id=1))
    with pytest.raises(SourceError, match="Gmail is not connected"):
        await source.list_messages()
    await source.aclose()
    assert gmail.requests == []


async def test_it_explains_a_missing_gmail_permission(source: GmailSource, gmail: FakeGmailServer) -> None:
    from tests.fakes.gmail_server import Fault, google_error

    body = google_error(403, "Request had insufficient authentication scopes.", "insufficientPermissions")
    gmail.enqueue(Fault.status(403, body=body), kind="profile")
    with pytest.raises(SourceError) as caught:
        await source.list_messages()
    assert (
        str(caught.value) == "Jobtrail is not allowed to read this mailbox — reconnect Gmail and allow reading email."
    )


async def test_it_retries_a_batch_request_that_failed_as_a_whole(source: GmailSource, gmail: FakeGmailServer) -> None:
    from tests.fakes.gmail_server import Fault

    gmail.generate_messages(10, start=START)
    listing = await source.list_messages()
    gmail.enqueue(Fault.status(503), Fault.disconnect(), kind="batch")
    fetched = await _fetch_all(source, listing.refs)
    assert all(m.raw for m in fetched)
    # The fetch batch failed twice as a whole, then went through (the listing bounded the sizes).
    assert _batches(gmail, "minimal") == []
    assert _batches(gmail) == [10]
    assert len([r for r in gmail.requests if r.kind == "batch"]) == 3


async def test_it_keeps_tokens_out_of_logs(
    alice: User, source: GmailSource, gmail: FakeGmailServer, alice_grant: Grant, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    gmail.generate_messages(5, start=START)
    gmail.expire_all_access_tokens()
    listing = await source.list_messages()
    await _fetch_all(source, listing.refs)
    new_token = await sync_to_async(lambda: GmailCredential.objects.get(user=alice).access_token)()
    assert caplog.records, "nothing was logged: the capture is broken"
    for secret in (alice_grant.refresh_token, alice_grant.access_token, new_token, "jobtrail-test-secret"):
        assert secret not in caplog.text


async def test_it_stops_sending_batches_once_cancelled(
    source: GmailSource, gmail: FakeGmailServer, settings: object
) -> None:
    gmail.generate_messages(300, start=START)
    listing = await source.list_messages()
    gmail.latency = 0.3
    gmail.reset_log()

    async def consume() -> None:
        async for _ in source.fetch(listing.refs):
            pass

    task = asyncio.create_task(consume())
    # Both fetch batches in flight (launched together; the listing bounded the sizes) have reached the server.
    await asyncio.to_thread(gmail.wait_for_requests, 2, where=lambda r: r.kind == "batch")
    source.context.cancel_event.set()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await source.aclose()
    sent = len([r for r in gmail.requests if r.kind == "batch"])
    await asyncio.sleep(0.8)  # the in-flight batches end; no new one may start
    assert len([r for r in gmail.requests if r.kind == "batch"]) == sent == 2
    assert _batches(gmail) == [50, 50]
    assert all(r.finished_at is not None for r in gmail.requests)


async def test_it_returns_small_and_binary_messages_byte_for_byte(source: GmailSource, gmail: FakeGmailServer) -> None:
    latin1 = (
        b"From: RH <rh@entreprise.example>\r\nTo: me@example.com\r\nSubject: =?iso-8859-1?q?Entretien_pr=E9vu?=\r\n"
        b"Date: Mon, 05 Jan 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        b"Votre entretien est pr\xe9vu lundi. \xff\xfe\r\n"
    )
    ids = [gmail.add_message(latin1)]
    listing = await source.list_messages()
    fetched = {m.ref.id: m.raw async for m in source.fetch(listing.refs)}
    assert fetched[ids[0]] == latin1
    assert _batches(gmail) == [1]
