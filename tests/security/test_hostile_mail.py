"""Hostile mail: generated malformed MIME through the parser, cleaner and rules; a whole
run over a folder of hostile messages; the stored text rendered inert on every page; a
run over pathological mail (CPU bombs) that leaves the event loop free."""

from __future__ import annotations

import asyncio
import base64
import os
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.test import AsyncClient, Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from dashboard.models import Application, Email
from jobmail.classify.cache import content_hash
from jobmail.classify.prompt import prompt_text
from jobmail.classify.rules import RulesClassifier
from jobmail.message import MAX_PART_CHARS, MAX_PARTS, ParsedMessage, parse_message
from processing import runs
from processing.models import ProcessingRun, RunStatus, Source
from processing.pool import get_pool
from processing.presenters import render_progress
from processing.registry import registry
from tests.fakes.openai_server import FakeOpenAIServer
from tests.hostile import BORDERLINE, EXPENSIVE, write_pathological_mailbox
from tests.security.test_csp import CSPAudit, audit

RULES = RulesClassifier()

# --- generated MIME -------------------------------------------------------------------------

CHARSETS = ["utf-8", "iso-8859-1", "utf-7", "utf-16", "shift_jis", "bogus-charset", "", "unknown-8bit", '"utf-8']
ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", "x-uuencode", "binary", "bogus", ""]
TYPES = ["text/plain", "text/html", "application/octet-stream", "message/rfc822", "image/png", "text/", "/", "x"]
HEADER_NAMES = ["Subject", "From", "To", "Date", "Message-ID", "References", "Reply-To", "List-Id", "X-Junk"]

header_text = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.builds(
        lambda charset, enc, payload: f"=?{charset}?{enc}?{payload}?=".encode(),
        st.sampled_from(CHARSETS),
        st.sampled_from(["B", "Q", "X", ""]),
        st.text(alphabet="AZaz09+/=_?-", max_size=40),
    ),
    st.just(b"x" * 5000),
    st.just(b"<script>alert(1)</script>\r\n\tcontinued"),
)

body_bytes = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.just(b'<html><body onload="x()"><script>steal()</script><a href="javascript:go()">hi</a></body></html>'),
    st.just(b"=E9=\r\n=ZZ=\r\n"),
    st.just(b"!!!not base64!!!"),
)


def _headers(pairs: list[tuple[str, bytes]]) -> bytes:
    return b"".join(name.encode() + b": " + value.replace(b"\r\n\r\n", b" ") + b"\r\n" for name, value in pairs)


@st.composite
def leaf_part(draw: st.DrawFn) -> bytes:
    content_type = draw(st.sampled_from(TYPES))
    charset = draw(st.sampled_from(CHARSETS))
    head = f"Content-Type: {content_type}; charset={charset}\r\n"
    head += f"Content-Transfer-Encoding: {draw(st.sampled_from(ENCODINGS))}\r\n"
    return head.encode() + b"\r\n" + draw(body_bytes)


def multipart(children: st.SearchStrategy[list[bytes]]) -> st.SearchStrategy[bytes]:
    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        boundary = draw(st.sampled_from(["b1", "", "=_x", "a" * 80, "--", "b1 b2"]))
        parts = draw(children)
        closing = draw(st.booleans())
        body = b"".join(b"--" + boundary.encode() + b"\r\n" + part + b"\r\n" for part in parts)
        if closing:
            body += b"--" + boundary.encode() + b"--\r\n"
        subtype = draw(st.sampled_from(["mixed", "alternative", "related", "bogus"]))
        return f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'.encode() + body

    return build()


mime_part = st.recursive(leaf_part(), lambda inner: multipart(st.lists(inner, max_size=4)), max_leaves=12)


@st.composite
def raw_message(draw: st.DrawFn) -> bytes:
    pairs = draw(st.lists(st.tuples(st.sampled_from(HEADER_NAMES), header_text), max_size=8))
    return _headers(pairs) + draw(st.one_of(mime_part, st.binary(max_size=300)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_message())
def test_it_parses_cleans_and_classifies_any_malformed_mime_without_raising(raw: bytes) -> None:
    parsed = parse_message(raw, provider_id="fuzz", internal_date=None)
    assert isinstance(parsed, ParsedMessage)
    for value in (parsed.subject, parsed.sender, parsed.sender_email, parsed.snippet, parsed.body_text):
        assert isinstance(value, str)
        assert "\x00" not in value
    assert len(parsed.body_text) <= MAX_PART_CHARS * MAX_PARTS
    text = prompt_text(parsed, budget_tokens=300)
    assert len(text) <= 300 * 4 + 2 + len(parsed.subject[:300]) + len(parsed.sender[:200]) + 64
    assert len(content_hash(parsed)) == 64
    classification = RULES.classify_sync(parsed)
    assert 0.0 <= classification.confidence <= 1.0


# --- a whole run over hostile messages -------------------------------------------------------

SUBJECT_XSS = '<script>alert("subject")</script> Thank you for applying to Evil<img src=x onerror=alert(2)>'
SENDER_XSS = '"<svg onload=alert(3)>" <careers@evil.example>'
BODY_HTML = (
    "<html><head><style>body{display:none}</style><script>stealCookies()</script></head>"
    '<body onload="stealCookies()"><p>Thank you for applying to Evil Corp for the Engineer role.</p>'
    '<a href="javascript:stealCookies()">Check status</a> <img src=x onerror="stealCookies()">'
    '<iframe src="javascript:stealCookies()"></iframe></body></html>'
)


def _hostile_mailbox(folder: Path) -> int:
    folder.mkdir()
    boundary = b"HOSTILE"

    def write(name: str, raw: bytes) -> None:
        (folder / f"{name}.eml").write_bytes(raw)

    write(
        "01-xss",
        (
            f"From: {SENDER_XSS}\r\nSubject: {SUBJECT_XSS}\r\nMessage-ID: <xss@evil.example>\r\n"
            "Date: Thu, 1 Oct 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/html; charset=utf-8\r\n\r\n"
        ).encode()
        + BODY_HTML.encode(),
    )
    # 25 MB: a small HTML body and a large attachment.
    attachment = base64.encodebytes(os.urandom(18_500_000))
    write(
        "02-huge",
        b"From: big@evil.example\r\nSubject: Big one\r\nMessage-ID: <huge@evil.example>\r\n"
        b"Content-Type: multipart/mixed; boundary=" + boundary + b"\r\n\r\n--" + boundary + b"\r\n"
        b"Content-Type: text/html\r\n\r\n" + BODY_HTML.encode() + b"\r\n--" + boundary + b"\r\n"
        b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + attachment
        + b"\r\n--"
        + boundary
        + b"--\r\n",
    )
    parts = b"".join(
        b"--" + boundary + b"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\npart %d <b onclick=x()>\r\n" % i
        for i in range(5000)
    )
    write(
        "03-parts",
        b"From: parts@evil.example\r\nSubject: 5000 parts\r\nMessage-ID: <parts@evil.example>\r\n"
        b"Content-Type: multipart/mixed; boundary=" + boundary + b"\r\n\r\n" + parts + b"--" + boundary + b"--\r\n",
    )
    write(
        "04-charsets",
        b"From: =?bogus-charset?B?SGk=?= <c@evil.example>\r\nSubject: =?utf-8?B?!!!?= Bewerbung \xfcber \xff\xfe\r\n"
        b"Message-ID: <charsets@evil.example>\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\nLeider m=FCssen wir =ZZ absagen =\r\n\xc3\x28\r\n",
    )
    write(
        "05-utf7-nul",
        b"From: n@evil.example\r\nSubject: nul\x00byte \x1b[31mred\r\nMessage-ID: <nul@evil.example>\r\n"
        b"Content-Type: text/plain; charset=utf-7\r\n\r\n+ADw-script+AD4-alert(1)+ADw-/script+AD4-\x00\r\n",
    )
    nested = b"Content-Type: text/html\r\n\r\n" + BODY_HTML.encode()
    for depth in range(200):
        nested = (
            b"Content-Type: multipart/mixed; boundary=N%d\r\n\r\n--N%d\r\n" % (depth, depth)
            + nested
            + b"\r\n--N%d--\r\n" % depth
        )
    write("06-nested", b"From: deep@evil.example\r\nSubject: deep\r\nMessage-ID: <deep@evil.example>\r\n" + nested)
    write(
        "07-rfc822",
        b"From: fwd@evil.example\r\nSubject: Fwd\r\nMessage-ID: <fwd@evil.example>\r\n"
        b"Content-Type: message/rfc822\r\n\r\nFrom: inner@evil.example\r\nSubject: " + SUBJECT_XSS.encode() + b"\r\n"
        b"Content-Type: text/html\r\n\r\n" + BODY_HTML.encode(),
    )
    write("08-long-subject", b"Subject: " + b"A" * 20000 + b"\r\nMessage-ID: <long@evil.example>\r\n\r\nbody")
    write("09-empty", b"")
    return 9


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("process_services", "fast_runs")
async def test_it_finishes_a_run_over_hostile_mail_and_renders_it_inert(
    alice: User, alice_client: Client, tmp_path: Path
) -> None:
    count = await asyncio.to_thread(_hostile_mailbox, tmp_path / "box")
    run = await runs.start_run(alice.pk, source=Source.MBOX, source_path=str(tmp_path / "box"), classifier="rules")
    handle = registry.get(run.pk)
    assert handle is not None
    await asyncio.wait_for(handle.done.wait(), 60)
    run = await ProcessingRun.objects.aget(pk=run.pk)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert run.processed_emails == run.total_emails == run.stored_emails == count
    assert await Email.objects.filter(user=alice).acount() == count

    # Stored text: scripts, styles, handlers and javascript: URLs of HTML bodies are gone.
    async for email in Email.objects.filter(user=alice):
        assert "stealCookies" not in email.snippet, email.provider_message_id
        assert "javascript:" not in email.snippet
        assert "\x00" not in email.subject + email.snippet + email.sender
        assert len(email.subject) <= 1000

    # Pages: the subject is shown, escaped, and the pages stay inert under the CSP.
    pages = await sync_to_async(_render_pages)(alice_client, alice)
    assert any("&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;" in html for _, html in pages)
    for url, html in pages:
        assert "<script>alert" not in html, url
        for injected in ("<svg onload", "<img src=x", "<iframe", "<style>body"):
            assert injected not in html, f"{url}: {injected}"
        parser = CSPAudit(None)
        parser.feed(html)
        handlers = [p for p in parser.problems if "event handler" in p or "javascript:" in p or "style" in p]
        assert not handlers, f"{url}: {handlers}"
    # The websocket fragment is the same partial, rendered from the same rows.
    fragment = await sync_to_async(render_progress)(alice.pk)
    parser = CSPAudit(None)
    parser.feed(fragment)
    assert parser.problems == []
    assert parser.scripts == 0


def _render_pages(http: Client, user: User) -> list[tuple[str, str]]:
    urls = [
        reverse("processing"),
        reverse("processing") + "?partial=progress",
        reverse("dashboard"),
        reverse("dashboard") + "?q=evil",
        reverse("dashboard") + "?partial=review",
    ]
    urls += [
        reverse("application_detail", args=[pk])
        for pk in Application.objects.for_user(user).values_list("pk", flat=True)
    ]
    pages = []
    for url in urls:
        response = http.get(url, headers={"HX-Request": "true"} if "partial" in url else {})
        assert response.status_code == 200, url
        assert audit(response) == [], url
        pages.append((url, response.content.decode()))
    return pages


# --- pathological mail: CPU off the event loop ----------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("process_services", "fast_runs")
async def test_it_reads_pathological_mail_off_the_loop_and_sends_the_costly_ones_to_review(
    alice: User, alice_client: Client, tmp_path: Path, settings: Any, fake_openai: FakeOpenAIServer
) -> None:
    # The LLM classifier: the workers build prompts too. The costly emails take 130-290 ms
    # of CPU each, ordinary mail 4-5 ms and the nested multiparts 13-20 ms in a fresh
    # worker (tests/hostile.py): a 50 ms limit parts them with a margin of 2.5 either way.
    settings.MESSAGE_CPU_SECONDS = 0.05
    ids = await asyncio.to_thread(write_pathological_mailbox, tmp_path / "box", 6)
    workers = get_pool()
    run = await runs.start_run(alice.pk, source=Source.MBOX, source_path=str(tmp_path / "box"), classifier="llm")
    handle = registry.get(run.pk)
    assert handle is not None
    client = AsyncClient()
    answered_while_reading = 0
    while not handle.done.is_set():
        reading_before = workers.busy
        response = await client.get("/healthz")
        assert response.status_code == 200
        # Answered while a worker was reading a message: the reading is not on this loop.
        answered_while_reading += bool(reading_before and workers.busy)
        await asyncio.sleep(0.002)
    assert answered_while_reading > 0

    run = await ProcessingRun.objects.aget(pk=run.pk)
    assert run.status == RunStatus.FINISHED, run.error_message
    assert run.processed_emails == run.total_emails == run.stored_emails == len(ids)
    assert not await ProcessingRun.objects.filter(status=RunStatus.INTERRUPTED).aexists()
    unreadable = {
        e.provider_message_id
        async for e in Email.objects.filter(user=alice, needs_review=True, review_reason__contains="could not be read")
    }
    assert {ids[name] for name in EXPENSIVE} <= unreadable <= {ids[name] for name in EXPENSIVE + BORDERLINE}
    # The comment bomb (13-37 s in html.parser) costs milliseconds now: it is read and classified.
    bomb = await Email.objects.aget(user=alice, provider_message_id=ids["comment-bomb"])
    assert bomb.classifier in ("rules", "llm")
    assert bomb.snippet == "Thank you for applying"

    page = await sync_to_async(alice_client.get)(
        reverse("dashboard") + "?partial=review", headers={"HX-Request": "true"}
    )
    assert page.content.decode().count("This email could not be read") == len(unreadable)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("process_services", "fast_runs")
async def test_it_cancels_a_run_while_workers_read_pathological_mail(
    alice: User, tmp_path: Path, settings: Any
) -> None:
    settings.MESSAGE_CPU_SECONDS = 5.0
    await asyncio.to_thread(write_pathological_mailbox, tmp_path / "box", 30)
    workers = get_pool()
    run = await runs.start_run(alice.pk, source=Source.MBOX, source_path=str(tmp_path / "box"), classifier="rules")
    for _ in range(4000):
        if workers.busy:
            break
        await asyncio.sleep(0.005)
    outcome = await runs.cancel_run(user_id=alice.pk)
    assert outcome.http_status == 200
    run = await ProcessingRun.objects.aget(pk=run.pk)
    assert run.status == RunStatus.CANCELLED
    assert run.processed_emails == run.stored_emails == await Email.objects.filter(user=alice).acount()
    assert run.processed_emails < (run.total_emails or 0)
