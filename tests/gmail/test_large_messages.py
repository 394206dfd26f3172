"""Large Gmail messages: batches bounded by bytes, attachments never downloaded, text capped."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import pytest

from accounts.models import User
from jobmail.gmail_payload import MAX_TEXT_BYTES, mime_from_payload
from jobmail.message import parse_message
from processing.sources.base import FetchedMessage, MessageRef, SourceContext
from processing.sources.gmail import GmailSource, plan_batches
from tests.factories import make_email
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import Grant

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
async def source(alice: User, alice_grant: Grant) -> AsyncIterator[GmailSource]:
    gmail_source = GmailSource(SourceContext(user_id=alice.pk, run_id=1))
    yield gmail_source
    await gmail_source.aclose()


def with_attachment(
    subject: str, body: str, *, attachment: bytes, filename: str = "offer.pdf", html: str | None = None
) -> bytes:
    message = EmailMessage()
    message["From"] = "Talent Team <jobs@northwind.example>"
    message["To"] = "alice@example.com"
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 10, 1, 9, 0, tzinfo=UTC))
    message["Message-ID"] = f"<{subject.replace(' ', '-')}@test.example>"
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    message.add_attachment(attachment, maintype="application", subtype="pdf", filename=filename)
    return bytes(message)


async def _fetch(source: GmailSource, gmail: FakeGmailServer) -> list[FetchedMessage]:
    listing = await source.list_messages()
    return [message async for message in source.fetch(listing.refs)]


def _same_reading(fetched: bytes | None, original: bytes) -> None:
    """What the pipeline reads of the rebuilt message is what it reads of the original."""
    assert fetched is not None
    got, want = parse_message(fetched), parse_message(original)
    assert got.subject == want.subject
    assert got.sender == want.sender
    assert got.to == want.to
    assert got.received_at == want.received_at
    assert got.rfc822_message_id == want.rfc822_message_id
    assert got.body_text == want.body_text
    assert got.body_html_present == want.body_html_present
    assert got.attachment_names == want.attachment_names


def test_it_plans_batches_by_count_and_by_bytes() -> None:
    refs = [MessageRef(id=str(index)) for index in range(8)]
    sizes = [300, 300, 300, 50, 5_000, 10, -1, 10]
    batches = plan_batches(refs, sizes, max_count=3, max_bytes=700, raw_max=1_000)
    assert [([r.id for r in b.refs], b.large) for b in batches] == [
        (["0", "1"], False),  # a third 300 would pass 700 bytes
        (["2", "3"], False),
        (["4"], True),  # over raw_max: alone, read without attachments
        (["5", "6", "7"], False),  # count-bound; the missing one costs nothing
    ]


async def test_it_bounds_raw_batches_by_bytes(source: GmailSource, gmail: FakeGmailServer, settings: Any) -> None:
    settings.GMAIL_BATCH_BYTES = 1_000_000
    source.batch_bytes = 1_000_000
    ids = [gmail.add_message(make_email(subject=f"Update {i}", body="z" * 300_000)) for i in range(10)]
    fetched = await _fetch(source, gmail)
    assert sorted(m.ref.id for m in fetched) == sorted(ids)
    assert all(m.raw == gmail.message(m.ref.id).raw for m in fetched)  # small enough to come whole
    raw_batches = [r.batch_parts for r in gmail.requests if r.kind == "batch" and set(r.formats) == {"raw"}]
    # larger:20000 (a batch's bytes per message) matched them all: each is bounded by
    # 512 KiB, and two such would pass the batch's 1 MB.
    assert raw_batches == [1] * 10


async def test_it_reads_a_large_message_without_downloading_its_attachment(
    source: GmailSource, gmail: FakeGmailServer
) -> None:
    original = with_attachment(
        "Your offer", "Please find your offer attached.", attachment=os.urandom(6_000_000), filename="Offer – 2026.pdf"
    )
    ident = gmail.add_message(original)
    (fetched,) = await _fetch(source, gmail)
    assert fetched.ref.id == ident
    assert fetched.raw is not None
    assert len(fetched.raw) < 10_000
    _same_reading(fetched.raw, original)
    assert parse_message(fetched.raw).attachment_names == ("Offer – 2026.pdf",)
    gets = [r for r in gmail.requests if r.kind == "get"]
    assert [r.query.get("format") for r in gets] == ["full"]
    assert gmail.count("attachment") == 0
    assert gmail.times_served(ident, "raw") == 0
    assert fetched.internal_date == datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


async def test_it_reads_a_text_body_gmail_sent_as_an_attachment_id(source: GmailSource, gmail: FakeGmailServer) -> None:
    gmail.inline_body_limit = 50_000
    html = "<p>" + "We would like to invite you to an interview. " * 4_000 + "</p>"
    original = with_attachment("Interview", "See the HTML part.", attachment=os.urandom(1_000_000), html=html)
    gmail.add_message(original)
    (fetched,) = await _fetch(source, gmail)
    _same_reading(fetched.raw, original)
    # The HTML body (about 180 KB) was read; the PDF, also an attachmentId, was not.
    assert gmail.count("attachment") == 1


async def test_it_caps_the_text_kept_from_a_huge_text_body(source: GmailSource, gmail: FakeGmailServer) -> None:
    original = make_email(subject="Newsletter", body="Jobs of the week. " * 400_000)  # 7.2 MB of text
    gmail.add_message(original)
    (fetched,) = await _fetch(source, gmail)
    assert fetched.raw is not None
    assert len(fetched.raw) < MAX_TEXT_BYTES * 4 // 3 + 50_000
    _same_reading(fetched.raw, original)


def test_it_keeps_decoded_header_values_from_adding_headers_or_parts() -> None:
    payload = {
        "mimeType": "multipart/mixed",
        "headers": [
            {"name": "From", "value": "HR <hr@northwind.example>"},
            {"name": "Subject", "value": "Hello\r\nBcc: victim@example.com\u2028X-Evil: 1"},
            {"name": "Bad Name:", "value": "dropped"},
        ],
        "parts": [
            {
                "partId": "0",
                "mimeType": "text/plain",
                "filename": "",
                "headers": [{"name": "Content-Type", "value": 'text/plain; charset="utf-8"'}],
                "body": {"size": 30, "data": "LS09X2pvYnRyYWlsXwpCY2M6IHhAeS56Cg"},  # "--=_jobtrail_\nBcc: x@y.z\n"
            },
            {"partId": "1", "mimeType": "application/pdf", "filename": 'a"b\r\n.pdf', "body": {"size": 9}},
        ],
    }
    raw = mime_from_payload(payload, lambda attachment_id: pytest.fail("no text part needs a download"))
    parsed = parse_message(raw)
    assert parsed.subject == "Hello Bcc: victim@example.com X-Evil: 1"
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert [line.split(b":", 1)[0] for line in head.split(b"\r\n")] == [
        b"From",
        b"Subject",
        b"MIME-Version",
        b"Content-Type",
    ]
    assert parsed.body_text == "--=_jobtrail_\nBcc: x@y.z"
    assert parsed.attachment_names == ('a"b .pdf',)
