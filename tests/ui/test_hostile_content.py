"""Nothing from an email — subject, sender, snippet, names the classifier extracted — can
inject markup or script into any page or fragment: everything renders as inert text."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.models import Application, Email
from jobmail.taxonomy import Status
from processing.models import ProcessingRun, RunStatus
from tests.sockets import signed_in_socket
from tests.ui.conftest import make_application, make_mail, make_run
from tests.ui.htmlcheck import inertness_problems

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = '<script>alert("subject")</script>'
SENDER = '"<img src=x onerror=alert(1)>" <evil@example.com>'
SNIPPET = '<a href="javascript:alert(2)">click</a><div style="position:fixed">'
COMPANY = "<svg onload=alert(3)>Evil Corp"
TITLE = '"><iframe src="javascript:alert(4)"></iframe>'
REASON = "<b onmouseover=alert(5)>why</b>"
MESSAGE_ID = '"><script>alert(6)</script>'
ERROR = "<img src=x onerror=alert(7)>"
HOSTILE = [SUBJECT, SENDER, SNIPPET, COMPANY, TITLE, REASON, MESSAGE_ID, ERROR]


@pytest.fixture
def hostile(alice: User) -> tuple[Application, Email, ProcessingRun]:
    run = make_run(alice, status=RunStatus.FAILED, error_message=ERROR, processed_emails=3)
    app = make_application(alice, COMPANY, job_title=TITLE, status=Status.INTERVIEW, notes=SNIPPET)
    fields = {"subject": SUBJECT, "sender": SENDER, "snippet": SNIPPET, "company": COMPANY, "job_title": TITLE}
    email = make_mail(
        alice,
        app,
        provider="gmail",
        provider_message_id=MESSAGE_ID,
        status=Status.INTERVIEW,
        needs_review=True,
        review_reason=REASON,
        event_at=datetime(2026, 10, 14, 13, tzinfo=UTC),
        run=run,
        **fields,
    )
    make_mail(alice, None, provider_message_id="other", status=Status.NOT_JOB, run=run, **fields)
    return app, email, run


def _assert_inert(html: str, where: str) -> None:
    assert inertness_problems(html) == [], where
    for raw in HOSTILE:
        assert raw not in html, f"{raw!r} unescaped in {where}"


def _get(client: Client, url: str, htmx: bool = False) -> str:
    response = client.get(url, headers={"HX-Request": "true"} if htmx else {})
    assert response.status_code == 200, url
    return response.content.decode()


def test_it_renders_hostile_email_content_inert_on_every_page_and_fragment(
    alice_client: Client, hostile: tuple[Application, Email, ProcessingRun]
) -> None:
    app = hostile[0]
    detail = reverse("application_detail", args=[app.pk])
    pages = {
        "dashboard": _get(alice_client, "/"),
        "dashboard, searched": _get(alice_client, "/?q=%3Cscript%3E"),
        "#applications": _get(alice_client, "/?q=evil", htmx=True),
        "#chart": _get(alice_client, "/?partial=chart", htmx=True),
        "#review": _get(alice_client, "/?partial=review", htmx=True),
        "application": _get(alice_client, detail),
        "#timeline": _get(alice_client, detail, htmx=True),
        "processing": _get(alice_client, reverse("processing")),
        "#progress": _get(alice_client, reverse("processing") + "?partial=progress", htmx=True),
        "settings": _get(alice_client, reverse("settings")),
    }
    status = alice_client.post(
        reverse("application_status", args=[app.pk]), {"status": "offer"}, headers={"HX-Request": "true"}
    )
    pages["#app_row"] = status.content.decode()
    for where, html in pages.items():
        _assert_inert(html, where)
    # Rendered, not dropped: the escaped text is there for the user to read.
    assert "&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;" in pages["#timeline"]
    assert "&lt;svg onload=alert(3)&gt;Evil Corp" in pages["dashboard"]
    assert "&lt;img src=x onerror=alert(7)&gt;" in pages["processing"]
    assert "&lt;b onmouseover=alert(5)&gt;why&lt;/b&gt;" in pages["#review"]
    # Toasts carry names as JSON in a header; the script shows them with textContent.
    toast = json.loads(status["HX-Trigger"])["toast"]["message"]
    assert toast.startswith(COMPANY)


def test_it_renders_hostile_content_inert_in_review_and_delete_answers(
    alice_client: Client, hostile: tuple[Application, Email, ProcessingRun]
) -> None:
    app, email, _ = hostile
    other = make_mail(app.user, app, provider_message_id="x2", subject=SUBJECT, sender=SENDER, snippet=SNIPPET)
    deleted = alice_client.post(reverse("email_delete", args=[other.pk]), headers={"HX-Request": "true"})
    _assert_inert(deleted.content.decode(), "#timeline after a delete")
    confirmed = alice_client.post(reverse("review_confirm", args=[email.pk]), headers={"HX-Request": "true"})
    _assert_inert(confirmed.content.decode(), "#review after confirm")


def test_it_escapes_a_hostile_name_in_messages(alice_client: Client, alice: User) -> None:
    alice_client.post(reverse("application_add"), {"company": SUBJECT, "status": "applied"})
    page = _get(alice_client, "/")
    _assert_inert(page, "dashboard with a message")
    assert "Added &lt;script&gt;" in page


async def test_it_pushes_hostile_content_inert_over_the_websocket(
    alice: User, hostile: tuple[Application, Email, ProcessingRun]
) -> None:
    communicator = await signed_in_socket(alice)
    try:
        assert (await communicator.connect())[0]
        fragment = await communicator.receive_from(timeout=5)
    finally:
        await communicator.disconnect()
    _assert_inert(fragment, "websocket fragment")
    assert "&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;" in fragment


def test_it_exports_hostile_content_as_plain_data(
    alice_client: Client, hostile: tuple[Application, Email, ProcessingRun]
) -> None:
    text = b"".join(alice_client.get(reverse("export_csv")).streaming_content).decode()  # type: ignore[attr-defined]
    _, row = list(csv.reader(io.StringIO(text)))
    assert row[0] == COMPANY
    assert row[1] == TITLE
    calendar = alice_client.get(reverse("export_ics")).content.decode()
    unfolded = calendar.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert not any(line.startswith(("BEGIN:VALARM", "ATTACH")) for line in lines)
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 1
    assert 'SUMMARY:Interview: <svg onload=alert(3)>Evil Corp — "><iframe src="javascript:alert(4)"></iframe>' in lines


async def test_it_keeps_the_hostile_fixture_away_from_other_users(bob: User, hostile: object) -> None:
    communicator = await signed_in_socket(bob)
    try:
        assert (await communicator.connect())[0]
        fragment = await communicator.receive_from(timeout=5)
    finally:
        await communicator.disconnect()
    assert "Evil Corp" not in fragment
    assert await sync_to_async(Email.objects.filter(user=bob).count)() == 0
