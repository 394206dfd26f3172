"""The optional e-mail digest after a run: one message about new interviews, offers and requests to act."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.models import Email
from jobmail.taxonomy import Status
from planner import digest
from planner.models import ActionDone, NotifiedEmail, Preferences
from processing import runs
from processing.models import ProcessingRun, RunStatus, Source
from tests.factories import interview_email
from tests.ui.conftest import make_application, make_mail, make_run
from tests.waiting import run_ended

SITE = "https://jobs.example.com"
Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE


def _turn_on(user: User) -> None:
    preferences = Preferences.for_user(user)
    preferences.email_digest = True
    preferences.save()


def _found(user: User, run: ProcessingRun) -> dict[str, Any]:
    """What a run found: an interview, an offer, a request to act and mail that needs nothing."""
    talk = make_application(user, "Northwind", job_title="Platform Engineer", status=Status.INTERVIEW)
    interview = make_mail(
        user,
        talk,
        run=run,
        status=Status.INTERVIEW,
        subject="Interview invitation",
        event_at=datetime(2026, 10, 6, 21, 0, tzinfo=UTC),
    )
    offer_app = make_application(user, "Contoso", status=Status.OFFER)
    offer = make_mail(user, offer_app, run=run, status=Status.OFFER, subject="Your offer")
    todo_app = make_application(user, "Fabrikam")
    todo = make_mail(user, todo_app, run=run, status=Status.ACTION_REQUIRED, subject="Please complete the form")
    make_mail(user, todo_app, run=run, status=Status.APPLIED, subject="Thank you for applying")
    make_mail(user, None, run=run, status=Status.NOT_JOB, subject="Newsletter")
    return {"interview": interview, "offer": offer, "todo": todo, "talk": talk, "offer_app": offer_app}


def _send(capture: Capture, run: ProcessingRun, user: User) -> int:
    with capture(execute=True):
        return digest.send_after_run(run.pk, user.pk)


def test_it_sends_one_digest_of_what_the_run_found(
    alice: User, mailoutbox: list[mail.EmailMultiAlternatives], django_capture_on_commit_callbacks: Capture
) -> None:
    _turn_on(alice)
    run = make_run(alice)
    found = _found(alice, run)
    assert _send(django_capture_on_commit_callbacks, run, alice) == 3
    [message] = mailoutbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "Jobtrail: 1 new interview, 1 offer, 1 request to act"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    text = message.body
    assert "Northwind, Platform Engineer" in text
    assert f"{SITE}/applications/{found['talk'].pk}" in text
    assert f"{SITE}/applications/{found['offer_app'].pk}" in text
    assert '"Please complete the form"' in text
    assert "Thank you for applying" not in text
    assert "Newsletter" not in text
    assert f"turn it off in Settings: {SITE}/settings#digest" in text
    [(content, kind)] = message.alternatives
    assert kind == "text/html"
    html = str(content)
    assert f'href="{SITE}/applications/{found["talk"].pk}"' in html
    assert f'href="{SITE}/settings#digest"' in html
    assert set(NotifiedEmail.objects.values_list("email_id", flat=True)) == {
        found["interview"].pk,
        found["offer"].pk,
        found["todo"].pk,
    }


def test_it_sends_nothing_while_the_digest_is_off(
    alice: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Capture
) -> None:
    run = make_run(alice)
    _found(alice, run)
    assert _send(django_capture_on_commit_callbacks, run, alice) == 0
    _turn_on(alice)
    preferences = Preferences.for_user(alice)
    preferences.email_digest = False
    preferences.save()
    assert _send(django_capture_on_commit_callbacks, run, alice) == 0
    assert mailoutbox == []
    assert not NotifiedEmail.objects.exists()


def test_it_sends_nothing_after_a_run_without_anything_important(
    alice: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Capture
) -> None:
    _turn_on(alice)
    run = make_run(alice)
    make_mail(alice, None, run=run, status=Status.APPLIED)
    make_mail(alice, None, run=make_run(alice), status=Status.OFFER)  # another run's
    assert _send(django_capture_on_commit_callbacks, run, alice) == 0
    assert mailoutbox == []


def test_it_never_names_an_email_twice(
    alice: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Capture
) -> None:
    _turn_on(alice)
    run = make_run(alice)
    _found(alice, run)
    _send(django_capture_on_commit_callbacks, run, alice)
    assert _send(django_capture_on_commit_callbacks, run, alice) == 0
    assert len(mailoutbox) == 1
    # A later run's new offer gets a digest of its own, naming only itself.
    later = make_run(alice)
    app = make_application(alice, "Litware", status=Status.OFFER)
    make_mail(alice, app, run=later, status=Status.OFFER, subject="Offer letter")
    assert _send(django_capture_on_commit_callbacks, later, alice) == 1
    assert len(mailoutbox) == 2
    assert mailoutbox[1].subject == "Jobtrail: 1 new offer"
    assert "Litware" in mailoutbox[1].body
    assert "Northwind" not in mailoutbox[1].body


def test_it_leaves_out_hidden_mail_and_requests_already_done(
    alice: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Capture
) -> None:
    _turn_on(alice)
    run = make_run(alice)
    found = _found(alice, run)
    ActionDone.objects.create(user=alice, email=found["todo"])
    Email.objects.filter(pk=found["offer"].pk).update(deleted_at=datetime(2026, 10, 2, tzinfo=UTC))
    assert _send(django_capture_on_commit_callbacks, run, alice) == 1
    assert mailoutbox[0].subject == "Jobtrail: 1 new interview"


def test_it_never_mails_one_users_findings_to_another(
    alice: User, bob: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Capture
) -> None:
    _turn_on(alice)
    _turn_on(bob)
    run = make_run(alice)
    bob_app = make_application(bob, "Bob Secret Co", status=Status.OFFER)
    make_mail(bob, bob_app, run=make_run(bob), status=Status.OFFER, subject="Bob's offer")
    # Even an email of Bob's that names Alice's run (it cannot happen; the query must not care).
    make_mail(bob, bob_app, run=run, status=Status.INTERVIEW, subject="Bob's interview")
    app = make_application(alice, "Northwind", status=Status.INTERVIEW)
    make_mail(alice, app, run=run, status=Status.INTERVIEW, subject="Alice's interview")
    assert _send(django_capture_on_commit_callbacks, run, alice) == 1
    [message] = mailoutbox
    assert message.to == ["alice@example.com"]
    assert "Bob" not in message.body
    assert "Bob" not in message.alternatives[0][0]
    # Bob's digest for Alice's run names nothing, so nothing is sent.
    assert _send(django_capture_on_commit_callbacks, run, bob) == 0
    assert len(mailoutbox) == 1


def test_it_escapes_hostile_mail_in_html_and_keeps_text_to_one_clean_line(
    alice: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Capture
) -> None:
    _turn_on(alice)
    run = make_run(alice)
    company = '<script>alert("x")</script>\u202eCo'
    app = make_application(alice, company, job_title="<img src=x onerror=alert(1)>", status=Status.OFFER)
    subject = 'Offer\n\nReset your password: https://evil.example/\u2066"><a href="https://evil.example">'
    make_mail(alice, app, run=run, status=Status.OFFER, subject=subject)
    _send(django_capture_on_commit_callbacks, run, alice)
    [message] = mailoutbox
    html = message.alternatives[0][0]
    assert "<script>" not in html
    assert "<img" not in html
    assert 'href="https://evil.example"' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Co" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    for part in (html, message.body, message.subject):
        assert "\u202e" not in part
        assert "\u2066" not in part
    # Plain text needs no escaping, but a subject cannot start lines of its own.
    assert '"Offer Reset your password: https://evil.example/"><a href="https://evil.example">"' in message.body
    assert "\nReset your password" not in message.body


def test_it_gives_the_interview_time_in_the_users_zone_and_clock(
    alice: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Capture
) -> None:
    alice.time_zone, alice.hour_cycle = "America/Los_Angeles", "h12"
    alice.save()
    _turn_on(alice)
    run = make_run(alice)
    _found(alice, run)  # the interview is at 21:00 UTC on October 6
    _send(django_capture_on_commit_callbacks, run, alice)
    [message] = mailoutbox
    assert "Tue Oct 6, 2026, 2:00 PM PDT" in message.body
    assert "Tue Oct 6, 2026, 2:00 PM PDT" in message.alternatives[0][0]
    assert "21:00" not in message.body


def test_it_lists_ten_of_a_kind_and_counts_the_rest(
    alice: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Capture
) -> None:
    _turn_on(alice)
    run = make_run(alice)
    for number in range(12):
        app = make_application(alice, f"Company {number:02d}", status=Status.OFFER)
        make_mail(alice, app, run=run, status=Status.OFFER, subject=f"Offer {number}")
    assert _send(django_capture_on_commit_callbacks, run, alice) == 12
    [message] = mailoutbox
    assert message.subject == "Jobtrail: 12 new offers"
    assert message.body.count(f"{SITE}/applications/") == 10
    assert f"- and 2 more: {SITE}/" in message.body
    assert NotifiedEmail.objects.count() == 12  # the two unlisted are on the dashboard, not in a later digest


# --- after a real run ------------------------------------------------------------------------


async def _run_interview_mailbox(user: User, folder: Path) -> ProcessingRun:
    folder.mkdir()
    (folder / "00000.eml").write_bytes(interview_email("Northwind"))
    run = await runs.start_run(user.pk, source=Source.MBOX, source_path=str(folder), classifier="rules")
    return await run_ended(run.pk)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("process_services", "fast_runs")
async def test_it_sends_the_digest_when_a_run_that_found_an_interview_ends(
    alice: User, bob: User, mailoutbox: list[Any], tmp_path: Path
) -> None:
    await sync_to_async(_turn_on)(alice)
    await sync_to_async(_turn_on)(bob)
    run = await _run_interview_mailbox(alice, tmp_path / "box")
    assert run.status == RunStatus.FINISHED
    assert await Email.objects.filter(run=run, status=Status.INTERVIEW).acount() == 1
    [message] = mailoutbox  # sent before the run's task ended; none for Bob
    assert message.to == ["alice@example.com"]
    assert message.subject == "Jobtrail: 1 new interview"
    assert "Northwind" in message.body


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port nobody listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        yield probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("process_services", "fast_runs")
async def test_it_logs_a_mail_server_failure_and_never_fails_the_run(
    alice: User, tmp_path: Path, settings: Any, caplog: pytest.LogCaptureFixture, closed_port: int
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    await sync_to_async(_turn_on)(alice)
    with caplog.at_level(logging.INFO, logger="jobtrail"):
        run = await _run_interview_mailbox(alice, tmp_path / "box")
    assert run.status == RunStatus.FINISHED
    failures = [r for r in caplog.records if r.name == "jobtrail.digest" and r.levelno == logging.ERROR]
    assert [r.getMessage() for r in failures] == [
        f"run {run.pk} of user {alice.pk}: the e-mail digest could not be sent"
    ]
    assert failures[0].exc_info is not None
    # Recorded before the attempt: a failed send is lost, never repeated.
    assert await NotifiedEmail.objects.filter(run_id=run.pk).acount() == 1


# --- the Settings switch ----------------------------------------------------------------------


def test_it_is_off_by_default_and_shown_in_settings(alice: User, alice_client: Client) -> None:
    body = alice_client.get(reverse("settings")).content.decode()
    assert 'id="digest"' in body
    assert 'name="email_digest"' in body
    assert "checked" not in body.split('id="digest"')[1].split("</section>")[0]
    assert Preferences.for_user(alice).email_digest is False


def test_it_turns_the_digest_on_and_off(alice: User, alice_client: Client) -> None:
    url = reverse("digest_save")
    response = alice_client.post(url, {"email_digest": "on"}, follow=True)
    assert Preferences.for_user(alice).email_digest is True
    assert "E-mail digest on" in response.content.decode()
    section = response.content.decode().split('id="digest"')[1].split("</section>")[0]
    assert "checked" in section
    alice_client.post(url, {})
    assert Preferences.for_user(alice).email_digest is False


def test_it_changes_only_the_requesters_setting(alice: User, bob: User, bob_client: Client) -> None:
    bob_client.post(reverse("digest_save"), {"email_digest": "on"})
    assert Preferences.for_user(bob).email_digest is True
    assert Preferences.for_user(alice).email_digest is False


def test_it_redirects_anonymous_users_to_log_in(alice: User, client: Client) -> None:
    response = client.post(reverse("digest_save"), {"email_digest": "on"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Preferences.for_user(alice).email_digest is False


def test_it_refuses_get(alice_client: Client) -> None:
    assert alice_client.get(reverse("digest_save")).status_code == 405


def test_it_refuses_a_post_without_csrf(alice: User, csrf_client: Client) -> None:
    assert csrf_client.post(reverse("digest_save"), {"email_digest": "on"}).status_code == 403
    assert Preferences.for_user(alice).email_digest is False
